import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** data/maven-crm/ at the project root, from both src/import and dist/src/import. */
export const MAVEN_CRM_FOLDER = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../../../data/maven-crm' : '../../data/maven-crm');
