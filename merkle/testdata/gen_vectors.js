// Regenerates oz_vectors.json with OpenZeppelin's reference implementation.
//
//   mkdir /tmp/ozmt && cd /tmp/ozmt && npm init -y && npm install @openzeppelin/merkle-tree@1.0.8
//   NODE_PATH=/tmp/ozmt/node_modules node gen_vectors.js > oz_vectors.json
//
// Every tree holds [address, uint256, uint256] leaves, the encoding the
// points ledger uses for (account, epoch, cumulativePoints).
const { StandardMerkleTree } = require('@openzeppelin/merkle-tree');

// addr(i) is a deterministic, non-trivial address: 20 bytes of i*0x1f..., hex.
function addr(i) {
  let h = '';
  for (let b = 0; b < 20; b++) {
    h += (((i + 1) * 31 + b * 17 + i * b * 7) & 0xff).toString(16).padStart(2, '0');
  }
  return '0x' + h;
}

const max = (1n << 256n) - 1n;
const sizes = [1, 2, 3, 4, 5, 7, 8, 13, 100];
const trees = [];
for (const n of sizes) {
  const values = [];
  for (let i = 0; i < n; i++) {
    let pts = BigInt(i) * 1000n + 7n;
    if (n === 5 && i === 4) pts = max; // exercise the full uint256 range
    values.push([addr(i), String(42 + (i % 3)), pts.toString()]);
  }
  const tree = StandardMerkleTree.of(values, ['address', 'uint256', 'uint256']);
  const leaves = values.map((v, i) => ({
    value: v,
    leaf: tree.leafHash(v),
    proof: tree.getProof(i),
  }));
  trees.push({ n, root: tree.root, leaves });
}
console.log(JSON.stringify({ generator: '@openzeppelin/merkle-tree@1.0.8', trees }, null, 1));
