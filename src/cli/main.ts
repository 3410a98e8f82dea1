#!/usr/bin/env node
import { runImport } from './import.command.js';
import { runMigrate } from './migrate.command.js';
import { runReplay } from './replay.command.js';
import { runServe } from './serve.command.js';

const usage = `salesbeat — 销售过程管理 / sales process discipline for Feishu, DingTalk and WeCom

usage:
  salesbeat serve [--demo]                      start the service (--demo: seed the demo tenant from the Maven dataset)
  salesbeat migrate                             apply database migrations and exit
  salesbeat import [folder] [--tenant <id>]     load a Maven-format CRM export (default: the bundled dataset)
  salesbeat replay <files|folders…> [--url <service>] [--tenant <id>]
                                                play recorded platform payloads against the service

environment: see README.md (DATABASE_URL, SALESBEAT_DATA_DIR, PORT, SALESBEAT_API_TOKEN, platform credentials)`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: runServe,
  migrate: runMigrate,
  import: runImport,
  replay: runReplay,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`salesbeat: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
