export { runImport } from '../import/import-command.js';
