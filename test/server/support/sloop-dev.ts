// Runs the sloop CLI from source (tsx), so integration tests need no build step.
import { main } from '../../../src/cli/main.js';

process.exitCode = await main(process.argv);
