import type { UserRole } from '../store/schema/users.js';
import type { CsvRow } from './csv-rows.js';
import type { FileReportBuilder } from './import-report.js';
import { optionalText } from './import-values.js';

export const SALES_TEAM_COLUMNS = ['sales_agent', 'manager', 'regional_office'] as const;

/** A user as the import writes it; `externalRef` is the person's name (the dataset's key). */
export interface UserRecord {
  externalRef: string;
  name: string;
  role: UserRole;
  /** The team is named after its manager. */
  team: string | null;
  region: string | null;
}

export interface ReportingLineRecord {
  userRef: string;
  supervisorRef: string;
}

export interface SalesTeams {
  users: UserRecord[];
  reportingLines: ReportingLineRecord[];
  reps: number;
  supervisors: number;
}

/**
 * sales_teams.csv rows → every agent as a rep (team = manager, region = regional_office), every manager as a
 * supervisor (team = own name, region = their reps' office when they all share one) and a reporting line
 * rep → manager. Agents that never appear in the pipeline are loaded too: they belong to the team.
 */
export function mapSalesTeams(rows: CsvRow[], report: FileReportBuilder): SalesTeams {
  const users = new Map<string, UserRecord>();
  const reportingLines: ReportingLineRecord[] = [];
  const managerRegions = new Map<string, Set<string | null>>();

  for (const { row, values } of rows) {
    const agent = optionalText(values.sales_agent);
    if (agent === null) {
      report.skip(row, 'blank sales_agent');
      continue;
    }
    if (users.has(agent)) {
      report.skip(row, 'duplicate sales_agent');
      continue;
    }
    const manager = optionalText(values.manager);
    const region = optionalText(values.regional_office);
    users.set(agent, { externalRef: agent, name: agent, role: 'rep', team: manager, region });
    if (manager === null) {
      report.warn(row, 'sales_agent without a manager: loaded without a reporting line');
      continue;
    }
    if (manager === agent) {
      report.warn(row, 'sales_agent is their own manager: no reporting line');
      continue;
    }
    reportingLines.push({ userRef: agent, supervisorRef: manager });
    const regions = managerRegions.get(manager) ?? new Set();
    regions.add(region);
    managerRegions.set(manager, regions);
  }

  for (const [manager, regions] of managerRegions) {
    const region = regions.size === 1 ? [...regions][0]! : null;
    const asAgent = users.get(manager);
    // A manager who is also listed as an agent keeps their own row (team, region, line) and becomes a supervisor.
    if (asAgent) asAgent.role = 'supervisor';
    else users.set(manager, { externalRef: manager, name: manager, role: 'supervisor', team: manager, region });
  }

  const all = [...users.values()];
  return {
    users: all,
    reportingLines,
    reps: all.filter((u) => u.role === 'rep').length,
    supervisors: all.filter((u) => u.role === 'supervisor').length,
  };
}
