import CFB from 'cfb';
import fs from 'node:fs';
const f = process.argv[2];
const c = CFB.parse(new Uint8Array(fs.readFileSync(f)));
const map = new Map(); c.FullPaths.forEach((p,i)=>map.set(p,c.FileIndex[i]));
function props(path){ const e=map.get(path+'properties'); if(!e) return null; const b=Uint8Array.from(e.content); const dv=new DataView(b.buffer);
 const n=dv.getUint16(2,true); let off=4+n*6; const out=[]; for(let i=0;i<n;i++){const pid=dv.getUint16(4+i*6,true), sf=dv.getUint16(6+i*6,true), len=dv.getUint16(8+i*6,true); out.push({pid,sf,len,data:b.subarray(off,off+len)}); off+=len;} return out;}
const u16=(d)=>{let s='';for(let i=0;i+1<d.length;i+=2){const c=d[i]|(d[i+1]<<8); if(!c)break; s+=String.fromCharCode(c);}return s;};
const cds = c.FullPaths.filter(p=>/^Root Entry\/MetaDictionary-1\/ClassDefinitions-3\{[0-9a-f]+\}\/$/.test(p));
console.log('classdefs', cds.length);
for (const p of cds){ const pr=props(p); const name=pr.find(x=>x.pid===6); const id=pr.find(x=>x.pid===5);
 const hex=[...id.data].map(x=>x.toString(16).padStart(2,'0')).join('');
 const pp = c.FullPaths.filter(q=>q.startsWith(p+'Properties-9{') && q.endsWith('}/'));
 const names = pp.map(q=>{const r=props(q); const nm=r.find(x=>x.pid===6); const pid=r.find(x=>x.pid===0xd); return u16(nm.data)+':'+(pid? (pid.data[0]|pid.data[1]<<8).toString(16):'?');});
 console.log(u16(name.data), hex, pr.map(x=>x.pid.toString(16)+'/'+x.sf.toString(16)).join(' '), names.join(','));
}
console.log(props('Root Entry/').map(x=>[x.pid,x.sf.toString(16),u16(x.data)]));
console.log(props('Root Entry/MetaDictionary-1/').map(x=>[x.pid,x.sf.toString(16),u16(x.data)]));
const rp = map.get('Root Entry/referenced properties'); console.log(rp && Uint8Array.from(rp.content).slice(0,80));
const tds = c.FullPaths.filter(p=>/^Root Entry\/MetaDictionary-1\/TypeDefinitions-4\{[0-9a-f]+\}\/$/.test(p));
console.log('typedefs', tds.length, tds.map(p=>{const pr=props(p); const id=pr.find(x=>x.pid===5); return u16(pr.find(x=>x.pid===6).data)+'='+[...id.data].map(x=>x.toString(16).padStart(2,'0')).join('')+'@'+map.get(p).clsid.slice(8,16);}).join('\n'));
