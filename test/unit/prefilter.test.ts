import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultCatalogue, lint } from '../../server/src/core';
import { cueAlternatives } from '../../server/src/core/catalogue';
import { needlesOf, NEEDLES_FILE, Prefilter, quickTest, recordNeedles } from '../../server/src/core/prefilter';
import { foldText } from '../../server/src/core/text';
import { projectFiles, sharedFiles } from '../helpers';

/**
 * The cue prefilter rules a group out only when no match is possible: every sentence and every clause and annex title
 * of real drafts, and the same texts cut at random places, are tested against every group of the catalogue, and a
 * group that matches must have been let through.
 */
suite('cue prefilter', () => {
	test('needles: the literal strings every match of a pattern contains', () => {
		assert.deepEqual(needlesOf(/(?:auftrags)?verarbeit\w*/u), ['verarbeit']);
		assert.deepEqual(needlesOf(/colou?r/u)?.slice().sort(), ['color', 'colour']);
		assert.deepEqual(needlesOf(/(?:foo|bar)baz/u)?.slice().sort(), ['barbaz', 'foobaz']);
		assert.deepEqual(needlesOf(/(?:unter)?auftrag|sub-?processor/u)?.slice().sort(), ['auftrag', 'sub-processor', 'subprocessor']);
		// Look-arounds match no characters: what they look at is no needle.
		assert.deepEqual(needlesOf(/o(?<!\wo)bject(?!ion)/u), ['object']);
		// A repeated part is needed once; an optional one not at all.
		assert.deepEqual(needlesOf(/(?:daten)+\d/u), ['daten']);
		// Of two needed parts, the longer one is the needle.
		assert.deepEqual(needlesOf(/(?:daten)+\s*schutz/u), ['schutz']);
		assert.equal(needlesOf(/(?:daten)*x/u), null);
		// Too short, a class too wide, an alternative without a needle: always run.
		assert.deepEqual(needlesOf(/\d+ tage/u), [" tage"]);
		assert.equal(needlesOf(/\d+ h/u), null);
		assert.equal(needlesOf(/eu|europaeische union/u), null);
		assert.equal(needlesOf(/[^x]{5}/u), null);
		assert.equal(needlesOf(/abcd/i), null);
		// Three characters are a needle when asked for.
		assert.deepEqual(needlesOf(/(?<!\w)vpn(?!\w)|firewall/u, 3)?.slice().sort(), ['firewall', 'vpn']);
	});

	test('quick test: a needle of any length is looked for, short ones as they are', () => {
		const quick = quickTest(/\[[^\]]*\]|\{\{|colou?r(?:ed)?|x{3,}/u);
		for (const text of ['a [b] c', 'x {{name}}', 'coloured', 'the colour', 'xxx']) assert.ok(quick.test(text), text);
		for (const text of ['a b c', '{name}', 'colr', 'xx', '']) assert.ok(!quick.test(text), text);
		// No needles: every text may match.
		for (const text of ['', 'abc', '42']) assert.ok(quickTest(/\d+/u).test(text), text);
	});

	test('the needles read when the project was compiled are the patterns\' needles', function () {
		// The file beside the compiled core (scripts/needles.mjs): each set must be what its pattern gives now, and it must
		// hold the catalogue's groups, or the first analysis after a start reads them all again.
		const file = path.join(path.dirname(require.resolve('../../server/src/core/prefilter')), NEEDLES_FILE);
		if (!fs.existsSync(file)) this.skip();
		const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[] | null>;
		const cat = defaultCatalogue();
		const withFile = cat.cueNames.map(n => needlesOf(cat.cues.get(n)!, 3));
		recordNeedles(new Map());
		try {
			for (const [key, needles] of Object.entries(saved)) {
				const [, min, flags, source] = /^(\d+)\/([a-z]*)\/(.*)$/s.exec(key)!;
				assert.deepEqual(needlesOf(new RegExp(source, flags), Number(min)), needles, key.slice(0, 120));
			}
			assert.deepEqual(cat.cueNames.map(n => needlesOf(cat.cues.get(n)!, 3)), withFile);
		} finally {
			recordNeedles(undefined);
		}
		// A cue group is tested alternative by alternative (coverage.ts, cuePlan): each alternative's needles are in the file.
		const missing = cat.cueNames.flatMap(n => cueAlternatives(cat.cues, n)!.filter(source => !Object.hasOwn(saved, `3/u/${source}`)).map(source => `${n}: ${source}`));
		assert.deepEqual(missing, [], 'every alternative of every cue group of the catalogue is in the file');
	});

	test('a text is let through for every group it matches, and most groups are ruled out', function () {
		this.timeout(120_000);
		const cat = defaultCatalogue();
		// Every pattern the analysis rules out by needles: the cue groups, the parts of counted groups, the contradictions.
		const named = [
			...cat.cueNames.map(n => ({ name: n, re: cat.cues.get(n)! })),
			...[...cat.cueParts].flatMap(([n, parts]) => parts.map((re, i) => ({ name: `${n} part ${i}`, re }))),
			...cat.cueNames.flatMap(n => cueAlternatives(cat.cues, n)!.map((source, i) => ({ name: `${n} alternative ${i}`, re: new RegExp(source, 'u') }))),
			...(cat.contradictions ?? []).flatMap(c => (['de', 'en'] as const).flatMap(l => [c.prohibits[l], c.permits[l], c.unless[l]].flatMap(re => (re ? [{ name: `${c.id} ${l}`, re }] : [])))),
		];
		const groups = named.map(n => n.re);
		const prefilter = new Prefilter(groups);
		assert.ok(prefilter.filtered >= groups.length * 0.8, `${prefilter.filtered} of ${groups.length} patterns filtered`);
		const files = [...projectFiles('test/drafts', /\.(md|txt)$/), ...projectFiles('examples', /\.md$/), ...sharedFiles('seeds', /\.txt$/), ...sharedFiles('corpus', /\.md$/)];
		let tests = 0, through = 0, matched = 0;
		for (const file of files) {
			const { doc } = lint(fs.readFileSync(file, 'utf8'));
			const texts = [...doc.sentences.map(s => s.text), ...doc.clauses.map(c => c.title), ...doc.annexes.map(a => a.title)].map(foldText);
			// Cut texts: a needle at the very start or end of a text.
			for (const t of texts.slice(0, 200)) if (t.length > 12) texts.push(t.slice(t.length >> 2), t.slice(0, (3 * t.length) >> 2));
			for (const text of texts) {
				const mask = prefilter.scan(text);
				groups.forEach((re, i) => {
					tests++;
					const may = Prefilter.may(mask, i);
					if (may) through++;
					if (re.test(text)) {
						matched++;
						assert.ok(may, `${file}: ${named[i].name} matches but was ruled out: ${text}`);
					}
				});
			}
		}
		assert.ok(matched > 1000, `${matched} matches`);
		assert.ok(through < tests * 0.4, `${through} of ${tests} tests let through`);
	});
	test('a cue group matches a text exactly where one of its alternatives does (what testing them one by one relies on)', function () {
		this.timeout(120_000);
		const cat = defaultCatalogue();
		const alternatives = new Map(cat.cueNames.map(n => [n, cueAlternatives(cat.cues, n)!.map(source => new RegExp(source, 'u'))]));
		const files = [...projectFiles('test/drafts', /\.(md|txt)$/), ...sharedFiles('seeds', /\.txt$/)];
		let matched = 0, tests = 0;
		for (const file of files) {
			const { doc } = lint(fs.readFileSync(file, 'utf8'));
			for (const text of [...doc.sentences.map(s => s.text), ...doc.clauses.map(c => c.title)].map(foldText)) {
				for (const name of cat.cueNames) {
					tests++;
					const whole = cat.cues.get(name)!.test(text);
					if (whole) matched++;
					assert.equal(alternatives.get(name)!.some(re => re.test(text)), whole, `${name}: ${text}`);
				}
			}
		}
		assert.ok(matched > 500, `${matched} matches in ${tests} tests`);
	});
	test('groups are tested whole where their alternatives cannot be tested alone, with the same result', () => {
		const cat = defaultCatalogue();
		const file = projectFiles('test/drafts', /\.(md|txt)$/)[0];
		const text = fs.readFileSync(file, 'utf8');
		const shape = (r: ReturnType<typeof lint>) => JSON.stringify({ coverage: r.coverage.map(c => [c.requirement, c.status, c.evidence]), findings: r.findings.map(f => [f.rule, f.span, f.message]) });
		const expected = shape(lint(text, file));
		// The catalogue's groups with other alternatives: 600 a group, 70,200 in all, more than a cue memo lists (16 bits);
		// then one alternative in each group that refers to a captured group, and one that is not closed.
		const withAlternatives = (alternatives: (name: string) => string[]) => {
			const cues = Object.create(cat.cues) as typeof cat.cues & { alternatives(name: string): string[] };
			cues.alternatives = alternatives;
			assert.deepEqual(cueAlternatives(cues, cat.cueNames[0]), alternatives(cat.cueNames[0]));
			return { ...cat, cues };
		};
		for (const alternatives of [() => Array<string>(600).fill('(?!)'), () => ['(?!)', '(a)\\1'], () => ['(?!)', '[^']]) {
			assert.equal(shape(lint(text, file, { catalogue: withAlternatives(alternatives) })), expected, String(alternatives));
		}
		// A plain map of groups (a catalogue made with other cues) is tested whole too, and what it changes counts.
		const cues = new Map(cat.cues);
		assert.equal(shape(lint(text, file, { catalogue: { ...cat, cues } })), expected);
		for (const name of cat.cueNames) cues.set(name, /(?!)/u);
		assert.notEqual(shape(lint(text, file, { catalogue: { ...cat, cues } })), expected);
	});
});
