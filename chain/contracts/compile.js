// compile.js compiles src/*.sol with the pinned solc-js (package.json) and
// writes build/<Contract>.abi and build/<Contract>.bin for every deployable
// contract. Usage: node compile.js [outdir]. Settings are fixed here so that
// the output is reproducible: optimizer on (200 runs), EVM version cancun
// (what OP-Stack chains run since Ecotone).
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const EXPECTED = '0.8.37';
const version = solc.version();
if (!version.startsWith(EXPECTED + '+')) {
  console.error(`solc ${version}, want ${EXPECTED}`);
  process.exit(1);
}

const srcDir = path.join(__dirname, 'src');
const outDir = path.resolve(process.argv[2] || path.join(__dirname, 'build'));
const sources = {};
for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
function findImports(p) {
  const full = path.join(srcDir, p);
  if (!full.startsWith(srcDir + path.sep) || !fs.existsSync(full)) return { error: 'not found: ' + p };
  return { contents: fs.readFileSync(full, 'utf8') };
}
const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
let failed = false;
for (const e of out.errors || []) {
  console.error(e.formattedMessage);
  if (e.severity === 'error') failed = true;
}
if (failed) process.exit(1);
fs.mkdirSync(outDir, { recursive: true });
for (const file of Object.keys(out.contracts).sort()) {
  for (const [name, c] of Object.entries(out.contracts[file])) {
    const bin = c.evm.bytecode.object;
    if (!bin) continue; // interfaces, abstract contracts and libraries inlined
    if (name === 'SortedMerkle') continue;
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi) + '\n');
    fs.writeFileSync(path.join(outDir, name + '.bin'), bin + '\n');
    console.log(`${name}: ${bin.length / 2} bytes`);
  }
}
