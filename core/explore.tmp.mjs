import CFB from 'cfb';
import fs from 'node:fs';
const f = process.argv[2];
const c = CFB.parse(new Uint8Array(fs.readFileSync(f)));
console.log(c.FileIndex.length);
for (let i=0;i<Math.min(c.FileIndex.length, +process.argv[3]||60);i++){ const e=c.FileIndex[i]; console.log(c.FullPaths[i], e.type, e.clsid, e.size, e.content && e.content.constructor.name); }
