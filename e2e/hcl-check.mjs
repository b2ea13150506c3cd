// Parses every Terraform export the native tests wrote (target/tf-exports/*.tf) with HashiCorp's
// own HCL parser (hashicorp/hcl v2, compiled to wasm in @cdktf/hcl2json), and checks that it
// reads each file to the same resources the planner wrote. Run by scripts/test.sh after the
// native tests; usage: node e2e/hcl-check.mjs [DIR]
import { parse } from '@cdktf/hcl2json';
import fs from 'fs';
import path from 'path';

const dir = process.argv[2] ?? 'target/tf-exports';
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).sort() : [];
if (files.length === 0) {
  console.error(`hcl-check: no exports in ${dir}; the native tests write them (scripts/test.sh native)`);
  process.exit(1);
}
let resources = 0;
const failures = [];
for (const f of files) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  try {
    const json = await parse(f, text);
    // Every `resource "type" "name"` header of the text is a resource HashiCorp's parser read.
    const written = [...text.matchAll(/^resource "([^"]+)" "([^"]+)" \{$/gm)].map((m) => `${m[1]}.${m[2]}`);
    const read = Object.entries(json.resource ?? {}).flatMap(([ty, byName]) => Object.keys(byName).map((n) => `${ty}.${n}`));
    const missing = written.filter((r) => !read.includes(r));
    if (missing.length > 0 || read.length !== written.length) failures.push(`${f}: wrote ${written.length} resources, the parser read ${read.length} (${missing.join(', ')})`);
    resources += read.length;
  } catch (e) {
    failures.push(`${f}: ${String(e).split('\n')[0]}`);
  }
}
if (failures.length > 0) {
  console.error(`hcl-check: HashiCorp's parser refused ${failures.length} of ${files.length} exports:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`hcl-check: HashiCorp's HCL parser read all ${files.length} exports (${resources} resources)`);
