import { describe, expect, it } from 'vitest';
import { ImportFileError, parseCsvRows } from '../../src/import/csv-rows.js';
import { FileReportBuilder, MAX_ROWS_LISTED } from '../../src/import/import-report.js';
import { ACCOUNT_COLUMNS, mapAccounts } from '../../src/import/maven-accounts.js';
import { mapPipeline, PIPELINE_COLUMNS, type PipelineContext } from '../../src/import/maven-pipeline.js';
import { mapProducts, PRODUCT_COLUMNS } from '../../src/import/maven-products.js';
import { mapSalesTeams, SALES_TEAM_COLUMNS } from '../../src/import/maven-sales-teams.js';
import { mapMavenStage, type MavenStage } from '../../src/import/maven-stage-map.js';

function rows(csv: string, columns: readonly string[], report = new FileReportBuilder('test.csv', 'test')) {
  return { rows: parseCsvRows(csv, columns, report), report };
}

describe('CSV reading', () => {
  it('accepts CRLF, a BOM and quoted fields, and numbers rows by file line', () => {
    const { rows: parsed } = rows('\uFEFFaccount,sector\r\n"Acme, Inc.",retail\r\nBeta,medical\r\n', ['account', 'sector']);
    expect(parsed).toEqual([
      { row: 2, values: { account: 'Acme, Inc.', sector: 'retail' } },
      { row: 3, values: { account: 'Beta', sector: 'medical' } },
    ]);
  });

  it('skips a row with the wrong number of fields and says which line', () => {
    const { rows: parsed, report } = rows('a,b\n1,2\n3\n4,5\n', ['a', 'b']);
    expect(parsed.map((r) => r.row)).toEqual([2, 4]);
    expect(report.finish({ loaded: 0, updated: 0, unchanged: 0 }).skipped).toEqual([
      { reason: 'wrong number of fields (expected 2)', count: 1, rows: [3] },
    ]);
  });

  it('fails the whole file when a required column is missing', () => {
    expect(() => rows('a,c\n1,2\n', ['a', 'b'])).toThrow(ImportFileError);
    expect(() => rows('a,c\n1,2\n', ['a', 'b'])).toThrow(/missing column\(s\) b/);
  });
});

describe('accounts.csv → customers', () => {
  const csv = [
    ACCOUNT_COLUMNS.join(','),
    'Acme Corporation,technolgy,1996,1100.04,2822,United States,',
    'Bioholding,medical,2012,587.34,1356,Philipines,',
    'Cheers,entertainment,1993,4269.9,6472,United States,Massive Dynamic',
    'Blanky,,,,,,',
    'Badyear,retail,19x6,1.00,10,Kenya,',
    'Acme Corporation,retail,2000,1,1,Japan,',
  ].join('\n');

  it('converts revenue from millions of USD to integer cents and keeps the parent company', () => {
    const { rows: parsed, report } = rows(csv, ACCOUNT_COLUMNS);
    const customers = mapAccounts(parsed, report);
    expect(customers.find((c) => c.name === 'Acme Corporation')).toEqual({
      externalRef: 'Acme Corporation',
      name: 'Acme Corporation',
      sector: 'technology',
      country: 'United States',
      employees: 2822,
      revenueFen: 110_004_000_000,
      yearEstablished: 1996,
      parentName: null,
    });
    expect(customers.find((c) => c.name === 'Cheers')?.parentName).toBe('Massive Dynamic');
    expect(customers.find((c) => c.name === 'Blanky')).toMatchObject({ sector: null, revenueFen: null, employees: null, yearEstablished: null });
  });

  it('fixes the sector and country typos and reports each as a correction', () => {
    const { rows: parsed, report } = rows(csv, ACCOUNT_COLUMNS);
    mapAccounts(parsed, report);
    expect(report.finish({ loaded: 0, updated: 0, unchanged: 0 }).corrections).toEqual([
      { what: 'sector "technolgy" → "technology"', count: 1 },
      { what: 'office_location "Philipines" → "Philippines"', count: 1 },
    ]);
  });

  it('skips an unreadable year and a repeated account with their line numbers', () => {
    const { rows: parsed, report } = rows(csv, ACCOUNT_COLUMNS);
    const customers = mapAccounts(parsed, report);
    expect(customers.map((c) => c.name)).toEqual(['Acme Corporation', 'Bioholding', 'Cheers', 'Blanky']);
    expect(report.finish({ loaded: 0, updated: 0, unchanged: 0 }).skipped).toEqual([
      { reason: 'year_established is not a whole number', count: 1, rows: [6] },
      { reason: 'duplicate account name', count: 1, rows: [7] },
    ]);
  });
});

describe('sales_teams.csv → users and reporting lines', () => {
  const csv = [
    SALES_TEAM_COLUMNS.join(','),
    'Anna Snelling,Dustin Brinkmann,Central',
    'Moses Frase,Dustin Brinkmann,Central',
    'Violet Mclelland,Cara Losch,East',
    'Lone Wolf,,West',
  ].join('\n');

  it('loads every agent as a rep in the manager-named team and every manager as a supervisor', () => {
    const { rows: parsed, report } = rows(csv, SALES_TEAM_COLUMNS);
    const teams = mapSalesTeams(parsed, report);
    expect(teams.reps).toBe(4);
    expect(teams.supervisors).toBe(2);
    expect(teams.users).toContainEqual({ externalRef: 'Anna Snelling', name: 'Anna Snelling', role: 'rep', team: 'Dustin Brinkmann', region: 'Central' });
    expect(teams.users).toContainEqual({ externalRef: 'Cara Losch', name: 'Cara Losch', role: 'supervisor', team: 'Cara Losch', region: 'East' });
    expect(teams.reportingLines).toEqual([
      { userRef: 'Anna Snelling', supervisorRef: 'Dustin Brinkmann' },
      { userRef: 'Moses Frase', supervisorRef: 'Dustin Brinkmann' },
      { userRef: 'Violet Mclelland', supervisorRef: 'Cara Losch' },
    ]);
    expect(report.finish({ loaded: 0, updated: 0, unchanged: 0 }).warnings).toEqual([
      { reason: 'sales_agent without a manager: loaded without a reporting line', count: 1, rows: [5] },
    ]);
  });
});

describe('mapMavenStage', () => {
  it.each<[MavenStage, boolean, string, string]>([
    ['Prospecting', false, 'need_consensus', 'open'],
    ['Engaging', true, 'solution_comparison', 'open'],
    ['Won', true, 'delivery_kickoff', 'won'],
    ['Lost', true, 'solution_comparison', 'lost'],
    ['Lost', false, 'need_consensus', 'lost'],
  ])('maps %s (engaged: %s) to stage %s, status %s', (source, engaged, stage, status) => {
    expect(mapMavenStage(source, engaged)).toEqual({ stage, status });
  });
});

describe('sales_pipeline.csv → deals', () => {
  const products = [PRODUCT_COLUMNS.join(','), 'GTX Pro,GTX,4821', 'MG Special,MG,55', 'GTK 500,GTK,26768'].join('\n');
  const pipeline = [
    PIPELINE_COLUMNS.join(','),
    'WON00001,Moses Frase,GTXPro,Cancity,Won,2016-10-20,2017-03-01,4514', // 2
    'LOST0001,Moses Frase,MG Special,Cancity,Lost,2016-10-25,2017-03-07,0', // 3
    'ENG00001,Moses Frase,GTK 500,,Engaging,2017-11-02,,', // 4
    'PRO00001,Anna Snelling,GTXPro,,Prospecting,,,', // 5
    'BAD00001,Moses Frase,MG Special,Cancity,Won,2017-02-30,2017-03-07,50', // 6
    'BAD00002,Moses Frase,MG Special,Cancity,Won,2017-01-05,2017-03-07,fifty', // 7
    'BAD00003,Nobody Here,MG Special,Cancity,Won,2017-01-05,2017-03-07,50', // 8
    'BAD00004,Moses Frase,MG Special,Cancity,Negotiating,2017-01-05,,', // 9
    'BAD00005,Moses Frase,Laptop,Cancity,Won,2017-01-05,2017-03-07,50', // 10
    'BAD00006,Moses Frase,MG Special,Unknown Co,Won,2017-01-05,2017-03-07,50', // 11
    'WON00001,Moses Frase,MG Special,Cancity,Won,2017-01-05,2017-03-07,50', // 12
  ].join('\n');

  function mapAll() {
    const productReport = new FileReportBuilder('products.csv', 'price list');
    const prices = mapProducts(parseCsvRows(products, PRODUCT_COLUMNS, productReport), productReport);
    const context: PipelineContext = { prices, agents: new Set(['Moses Frase', 'Anna Snelling']), accounts: new Set(['Cancity']) };
    const report = new FileReportBuilder('sales_pipeline.csv', 'deals');
    const deals = mapPipeline(parseCsvRows(pipeline, PIPELINE_COLUMNS, report), context, report);
    return { deals, report: report.finish({ loaded: 0, updated: 0, unchanged: 0 }) };
  }

  it('normalises GTXPro to the price-list name GTX Pro and reports how many', () => {
    const { deals, report } = mapAll();
    expect(deals.filter((d) => d.product === 'GTX Pro').map((d) => d.externalRef)).toEqual(['WON00001', 'PRO00001']);
    expect(report.corrections).toEqual([{ what: 'product "GTXPro" → "GTX Pro"', count: 2 }]);
  });

  it('maps a won deal: close value in cents, closed at the close date, engage date as created_at', () => {
    const won = mapAll().deals.find((d) => d.externalRef === 'WON00001');
    expect(won).toEqual({
      externalRef: 'WON00001',
      ownerRef: 'Moses Frase',
      customerRef: 'Cancity',
      title: 'Cancity · GTX Pro',
      product: 'GTX Pro',
      stage: 'delivery_kickoff',
      sourceStage: 'Won',
      status: 'won',
      amountFen: 451_400,
      createdAt: new Date('2016-10-19T16:00:00.000Z'),
      closedAt: new Date('2017-02-28T16:00:00.000Z'),
    });
  });

  it('keeps a lost deal at the stage it was lost at, with its close value of 0', () => {
    const lost = mapAll().deals.find((d) => d.externalRef === 'LOST0001');
    expect(lost).toMatchObject({ stage: 'solution_comparison', status: 'lost', amountFen: 0 });
  });

  it('prices an open deal at the list price and loads a blank account with no customer, as a warning', () => {
    const { deals, report } = mapAll();
    expect(deals.find((d) => d.externalRef === 'ENG00001')).toMatchObject({
      customerRef: null,
      title: 'GTK 500',
      stage: 'solution_comparison',
      status: 'open',
      amountFen: 2_676_800,
      closedAt: null,
    });
    expect(report.warnings).toContainEqual({ reason: 'blank account: loaded without a customer', count: 2, rows: [4, 5] });
  });

  it('dates a prospecting deal without engage_date at the last date in the file', () => {
    const { deals, report } = mapAll();
    expect(deals.find((d) => d.externalRef === 'PRO00001')).toMatchObject({
      stage: 'need_consensus',
      createdAt: new Date('2017-11-01T16:00:00.000Z'),
      amountFen: 482_100,
    });
    expect(report.warnings).toContainEqual({ reason: 'no engage_date: created_at set to the last date in the file (2017-11-02)', count: 1, rows: [5] });
  });

  it('skips unreadable and unknown values with the reason and the line number', () => {
    const { deals, report } = mapAll();
    expect(deals).toHaveLength(4);
    expect(report.skipped).toEqual([
      { reason: 'engage_date is not a valid date (YYYY-MM-DD)', count: 1, rows: [6] },
      { reason: 'close_value is not a non-negative number', count: 1, rows: [7] },
      { reason: 'sales_agent not found in sales_teams.csv', count: 1, rows: [8] },
      { reason: 'deal_stage is not one of Prospecting, Engaging, Won, Lost', count: 1, rows: [9] },
      { reason: 'product not found in products.csv', count: 1, rows: [10] },
      { reason: 'account not found in accounts.csv', count: 1, rows: [11] },
      { reason: 'duplicate opportunity_id', count: 1, rows: [12] },
    ]);
  });
});

describe('corrections count only rows that are imported', () => {
  it('does not count the GTXPro fix of a row skipped for a bad date', () => {
    const prices = new Map([['GTX Pro', 482_100]]);
    const report = new FileReportBuilder('sales_pipeline.csv', 'deals');
    const csv = [PIPELINE_COLUMNS.join(','), 'X1,Moses Frase,GTXPro,,Engaging,2017-02-30,,', 'X2,Moses Frase,GTXPro,,Engaging,2017-02-03,,'].join('\n');
    const deals = mapPipeline(parseCsvRows(csv, PIPELINE_COLUMNS, report), { prices, agents: new Set(['Moses Frase']), accounts: new Set() }, report);
    expect(deals.map((d) => d.externalRef)).toEqual(['X2']);
    expect(report.finish({ loaded: 1, updated: 0, unchanged: 0 }).corrections).toEqual([{ what: 'product "GTXPro" → "GTX Pro"', count: 1 }]);
  });
});

describe('FileReportBuilder', () => {
  it('counts every issue of a reason but lists only the first rows', () => {
    const report = new FileReportBuilder('f.csv', 't');
    for (let row = 2; row < 2 + MAX_ROWS_LISTED + 5; row += 1) report.skip(row, 'bad');
    const [summary] = report.finish({ loaded: 0, updated: 0, unchanged: 0 }).skipped;
    expect(summary!.count).toBe(MAX_ROWS_LISTED + 5);
    expect(summary!.rows).toHaveLength(MAX_ROWS_LISTED);
  });
});
