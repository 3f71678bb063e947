/** npm run explain -- FILE [REQUIREMENT...]: print the evidence sentences behind each coverage decision (a debugging aid). */
import * as fs from 'node:fs';
import { lint, LineIndex } from '../server/src/core';

// Piped into `head`, the reader goes away early: stop quietly, as the CLI does.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
const [file, ...ids] = process.argv.slice(2);
if (!file) { process.stderr.write('usage: npm run explain -- FILE [REQUIREMENT...]\n'); process.exit(2); }
const text = fs.readFileSync(file, 'utf8');
const { coverage, doc } = lint(text, file);
const lines = new LineIndex(text);
for (const c of coverage) {
	if (ids.length && !ids.some(id => c.requirement.includes(id))) continue;
	process.stdout.write(`${c.requirement}: ${c.status}${c.missing.length ? ` (missing ${c.missing.join(', ')})` : ''}\n`);
	for (const s of c.evidence.slice(0, 8)) process.stdout.write(`  ${lines.position(s.start).line + 1}: ${text.slice(s.start, s.end).replace(/\s+/g, ' ').slice(0, 160)}\n`);
}
if (ids.includes('periods')) for (const p of doc.periods) process.stdout.write(`period ${lines.position(p.span.start).line + 1}: ${p.text} ${p.role} ${p.anchor} [${p.days}]\n`);
