/** Entry of the built CLI (out/main/cli.js), run by bin/dyno.js. */
import { main } from './main';

void main(process.argv);
