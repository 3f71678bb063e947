import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fullCollection } from '../../server/src/collector';
import { lint, Session, type LintResult } from '../../server/src/core';
import { projectFiles, repoRoot, sharedFiles, sharedSuite } from '../helpers';

/**
 * Incremental analysis gives what a full analysis gives. Random edit sequences are applied to real drafts; after each
 * edit the draft is analysed with a session that has seen every earlier version and afresh, and the two results must
 * be the same: findings, coverage with reasons, and the document model the editor features read.
 */

/** A small seeded generator (Park–Miller), so that a failure names a sequence that can be replayed. */
function random(seed: number): () => number {
	let s = seed % 2147483647 || 1;
	return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

type Edit = { kind: string; at: number; remove: number; insert: string };

const WORDS = ['Auftragsverarbeiter', 'processor', ' Anlage 2', ' Annex II', ' § 4', ' Clause 7.7', 'unverzüglich', ' within 30 days', '[Datum]', '==XY==', 'the ', 'der ', '14 Tage', ' Sub-processor'];

/** One random edit of `text`: typing, deleting, pasting a clause, splitting or joining blocks, touching the front-matter. */
function randomEdit(text: string, rnd: () => number): Edit {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
	const at = Math.floor(rnd() * (text.length + 1));
	const r = rnd();
	if (r < 0.3) return { kind: 'type', at, remove: 0, insert: pick(['e', 'a', ' ', '.', ',', 'ß', 'n', '1', '(', ')', ':']) };
	if (r < 0.45) return { kind: 'delete', at, remove: Math.min(text.length - at, 1 + Math.floor(rnd() * 40)), insert: '' };
	if (r < 0.55) return { kind: 'word', at, remove: 0, insert: pick(WORDS) };
	if (r < 0.65) {
		// Paste a whole paragraph copied from elsewhere in the draft.
		const from = text.indexOf('\n\n', Math.floor(rnd() * text.length));
		const to = from < 0 ? -1 : text.indexOf('\n\n', from + 2);
		return { kind: 'paste', at, remove: 0, insert: to > from ? text.slice(from, to) : '\n\nNew paragraph.\n\n' };
	}
	if (r < 0.72) return { kind: 'split', at, remove: 0, insert: pick(['\n\n', '\n', '\n## ', '\n1. ', '\n\nAnlage 4 – Neu\n\n']) };
	if (r < 0.8) {
		// Join two blocks: remove a blank line.
		const nl = text.indexOf('\n\n', at);
		return nl >= 0 ? { kind: 'join', at: nl, remove: 2, insert: ' ' } : { kind: 'type', at, remove: 0, insert: 'x' };
	}
	if (r < 0.88) {
		// Inside the front-matter, when there is one: a value, a key, or the closing fence itself.
		const end = text.startsWith('---') ? text.indexOf('\n---', 3) : -1;
		if (end > 0) {
			const p = 4 + Math.floor(rnd() * (end - 3));
			return { kind: 'front-matter', at: p, remove: rnd() < 0.3 ? 1 : 0, insert: pick(['x', ': ', '\n', ' - ', 'language: en\n', '"']) };
		}
		return { kind: 'prepend', at: 0, remove: 0, insert: pick(['# Titel\n\n', '---\ntype: dpa\n---\n', ' ']) };
	}
	if (r < 0.94) return { kind: 'undo-like', at, remove: Math.min(text.length - at, Math.floor(rnd() * 400)), insert: '' };
	return { kind: 'mark', at, remove: 0, insert: pick(['**', '`', '<!-- x -->', '```\n', '| a | b |\n', '\t', '> ']) };
}

/** What a result says, in comparable form: findings, coverage, and the document model (without object cycles). */
function view(r: LintResult): unknown {
	const d = r.doc;
	const clauseId = (c: { span: { start: number } } | undefined): number | undefined => c?.span.start;
	return {
		lang: r.lang,
		findings: r.findings,
		coverage: r.coverage,
		doc: {
			frontMatter: { data: d.frontMatter.data, span: d.frontMatter.span, keys: [...d.frontMatter.keys], error: d.frontMatter.error },
			blocks: d.blocks,
			clauses: d.clauses.map(c => ({ label: c.label, style: c.style, title: c.title, span: c.span, end: c.end, level: c.level, parent: clauseId(c.parent), annex: c.annex?.span.start })),
			annexes: d.annexes,
			annexRefs: d.annexRefs.map(a => ({ ...a, target: a.target?.span.start })),
			clauseRefs: d.clauseRefs.map(c => ({ ...c, target: clauseId(c.target) })),
			sentences: d.sentences.map(s => ({ span: s.span, block: s.block, clause: clauseId(s.clause), annex: s.annex?.span.start })),
			periods: d.periods, bodyStart: d.bodyStart, bodyEnd: d.bodyEnd, listEntries: d.annexListEntries,
		},
	};
}

function drafts(): string[] {
	return [...projectFiles('test/drafts', /\.(md|txt)$/), ...projectFiles('examples', /\.md$/)];
}

suite('incremental analysis equals full analysis', () => {
	const files = drafts();
	// 2,100 edits over the project's drafts, in sequences of 30 from the original text.
	const perFile = Math.ceil(2100 / files.length);
	for (const [k, file] of files.entries()) {
		test(`${perFile} random edits of ${path.basename(file)}: after each, the session's result is a full analysis's`, () => {
			const original = fs.readFileSync(file, 'utf8');
			let edits = 0;
			for (let run = 0; edits < perFile; run++) {
				const seed = 1000 * (k + 1) + run;
				const rnd = random(seed);
				const session = new Session();
				let text = original;
				lint(text, file, { session });
				for (let step = 0; step < 30 && edits < perFile; step++, edits++) {
					const e = randomEdit(text, rnd);
					text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
					const incremental = view(lint(text, file, { session, suppressionFixes: true }));
					const full = view(lint(text, file, { suppressionFixes: true }));
					assert.deepStrictEqual(incremental, full, `seed ${seed}, step ${step}: ${e.kind} at ${e.at} (remove ${e.remove}, insert ${JSON.stringify(e.insert)})`);
				}
			}
		});
	}

	test('a session reuses what an edit did not touch, and its memory stays bounded over many versions', () => {
		const text = fs.readFileSync(files[0], 'utf8');
		const session = new Session();
		lint(text, files[0], { session });
		const after = session.size;
		assert.ok(after > 0, 'the first analysis fills the session');
		let t = text;
		for (let i = 0; i < 200; i++) {
			const at = Math.floor(t.length / 2) + (i % 7);
			t = t.slice(0, at) + (i % 2 ? '' : 'x') + t.slice(at + (i % 2 ? 1 : 0));
			lint(t, files[0], { session });
		}
		// Two hundred versions later the session holds about what one analysis needs, not two hundred analyses' worth.
		assert.ok(session.size < 3 * after, `session grew from ${after} to ${session.size} entries`);
	});

	test('what a session keeps holds no earlier version of the draft: typing in a long draft leaves the heap where it was', () => {
		// A result computed from a unit's text (a title, a folded sentence) is often a slice of it, and a slice keeps the
		// string it was cut from alive: kept from a slice of the draft, every version typed would stay in memory.
		const gc = fullCollection();
		assert.ok(gc, 'the engine exposes its garbage collector');
		let text = '';
		for (let k = 0; text.length < 250_000; k++) text += fs.readFileSync(files[k % files.length], 'utf8') + '\n\n';
		const session = new Session();
		const rnd = random(11);
		const type = (): void => {
			const at = Math.floor(text.length * (0.2 + 0.6 * rnd()));
			text = text.slice(0, at) + 'e' + text.slice(at);
			lint(text, 'long.md', { session });
		};
		for (let i = 0; i < 10; i++) type();
		gc();
		const before = process.memoryUsage().heapUsed;
		for (let i = 0; i < 150; i++) type();
		gc();
		const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
		// 150 versions of 250 KB kept would be 37 MB or more; what the session adds for the edited units is far less.
		assert.ok(grown < 12, `the heap grew by ${grown.toFixed(1)} MB over 150 one-character edits`);
	});

	test('the contexts a session joins while a clause heading is typed stay bounded, and the result stays a full analysis\'s', () => {
		// Each letter typed into "§ 1 …" gives the clause and its paragraphs a new context ("titel | …"): the session
		// keeps the strings the last analyses used, not every version of the heading.
		let text = fs.readFileSync(path.join(repoRoot, 'test', 'drafts', 'de-vollstaendig.dpa.md'), 'utf8');
		const heading = '## § 1 Gegenstand und Dauer des Auftrags';
		let at = text.indexOf(heading) + heading.length;
		assert.ok(at > heading.length);
		const session = new Session();
		lint(text, 'heading.md', { session });
		for (let i = 0; i < 1000; i++) {
			text = text.slice(0, at) + 'x' + text.slice(at);
			at++;
			lint(text, 'heading.md', { session });
		}
		assert.ok(session.joins.size < 500, `${session.joins.size} joined contexts kept after 1,000 letters typed into a heading`);
		assert.deepStrictEqual(view(lint(text, 'heading.md', { session })), view(lint(text, 'heading.md')));
	});

	test('one lead read with the items of seventy lists (more readings than a sentence keeps counts for) gives a full analysis\'s result while the items are typed in', () => {
		// The same lead before each list: its counted cues (concrete measures, at least two) are counted per reading, the
		// lead with one list's items; a sentence keeps the counts of its last 64 readings, so this draft evicts them
		// within every analysis, and typing in one item makes a new reading. Every third list names one measure only, so
		// a count kept for the wrong reading shows in the evidence.
		const lists = Array.from({ length: 70 }, (_, k) => `Zum Schutz der Daten gilt:\n\n- Verschlüsselung der Datenträger der Stufe ${k + 1}\n- ${k % 3 ? 'Firewall' : 'Ablage'} mit Regelwerk ${k + 1}\n- ${k % 3 ? 'Protokollierung' : 'Sichtung'} der Zugriffe`);
		let text = `# Auftragsverarbeitungsvertrag\n\n## Anlage 2 – Technische und organisatorische Maßnahmen\n\n${lists.join('\n\n')}\n`;
		const session = new Session();
		const first = lint(text, 'lists.md', { session });
		const security = first.coverage.find(c => c.requirement === 'art28-3-c-security');
		assert.equal(security?.verdicts?.find(v => v.element === 'measures-in-document')?.state, 'found', 'the lists count as concrete measures');
		const rnd = random(5);
		for (let i = 0; i < 40; i++) {
			const items = [...text.matchAll(/Regelwerk \d+/g)];
			const m = items[Math.floor(rnd() * items.length)];
			const at = m.index + m[0].length;
			text = text.slice(0, at) + 'x' + text.slice(at);
			assert.deepStrictEqual(view(lint(text, 'lists.md', { session })), view(lint(text, 'lists.md')), `edit ${i} at ${at}`);
		}
	});

	test('a session switched to another catalogue starts afresh, and a session moved to another draft gives that draft\'s result', () => {
		const [a, b] = files.map(f => fs.readFileSync(f, 'utf8'));
		const session = new Session();
		lint(a, 'a', { session });
		assert.deepStrictEqual(view(lint(b, 'b', { session })), view(lint(b, 'b')));
	});
});

/** With ../shared: the five seeds joined (about 200 KB, the size of a draft with incorporated SCCs), and every seed. */
sharedSuite('incremental analysis equals full analysis on the seeds', () => {
	for (const [k, file] of sharedFiles('seeds', /\.txt$/).entries()) {
		test(`60 random edits of ${path.basename(file)}`, () => {
			const rnd = random(77 + k);
			const session = new Session();
			let text = fs.readFileSync(file, 'utf8');
			lint(text, file, { session });
			for (let step = 0; step < 60; step++) {
				const e = randomEdit(text, rnd);
				text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
				assert.deepStrictEqual(view(lint(text, file, { session })), view(lint(text, file)), `seed ${77 + k}, step ${step}: ${e.kind} at ${e.at}`);
			}
		});
	}
});
