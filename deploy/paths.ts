// Prints the folders outside the database that a backup must copy, one a line, as the app resolves
// them from the environment (server/config.ts): ATTACHMENTS_DIR, then CREDENTIALS_KEY_DIR.
import { loadConfig } from '../server/config.ts';

const config = loadConfig();
process.stdout.write(`${config.attachmentsDir}\n${config.credentialsKeyDir}\n`);
