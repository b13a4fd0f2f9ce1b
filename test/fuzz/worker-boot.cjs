// Worker threads do not inherit tsx's loader: register it, then run the TypeScript worker.
require('tsx/cjs');
require('./worker.ts');
