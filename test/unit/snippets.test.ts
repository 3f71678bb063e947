import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalogue, loadLibrary, snippetToText } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '../../..');
const SNIPPETS_FILE = 'snippets/dpa.code-snippets';
const DOC_FILE = 'docs/SNIPPETS.md';

/** The 21 requirement ids of docs/EVALUATION.md. */
const REQUIREMENT_IDS = [
	'art28-3-subject-matter', 'art28-3-duration', 'art28-3-nature', 'art28-3-purpose', 'art28-3-data-types',
	'art28-3-data-subjects', 'art28-3-controller-rights', 'art28-3-a-instructions', 'art28-3-a-transfers',
	'art28-3-a-legal-requirement', 'art28-3-b-confidentiality', 'art28-3-c-security', 'art28-3-d-subprocessors',
	'art28-3-e-dsr-assistance', 'art28-3-f-assist-32-36', 'art28-3-g-delete-return', 'art28-3-h-audit',
	'art28-3-infringing-instruction', 'art28-2-authorisation', 'art28-4-flowdown', 'art28-4-liability',
];

// ------------------------------------------------------------------------------------------------
// A validator for the VS Code / TextMate snippet grammar:
//   any         ::= tabstop | placeholder | choice | variable | text
//   tabstop     ::= '$' int | '${' int '}' | '${' int transform '}'
//   placeholder ::= '${' int ':' any* '}'
//   choice      ::= '${' int '|' option (',' option)* '|}'
//   variable    ::= '$' var | '${' var '}' | '${' var ':' any* '}' | '${' var transform '}'
//   transform   ::= '/' regex '/' (format | text)* '/' options
//   format      ::= '$' int | '${' int '}' | '${' int ':' ('/upcase' | '/downcase' | '/capitalize' | …) '}'
//                 | '${' int ':+' if '}' | '${' int ':?' if ':' else '}' | '${' int ':-' else '}' | '${' int ':' else '}'
// Escapes: \$ \} \\ in text; additionally \, \| in choices. Stricter than VS Code, which silently takes a
// malformed construct as text: here a bare '$', an unmatched '}', a stray backslash or an unknown
// variable name (a typo that VS Code would turn into a placeholder) is an error.
// ------------------------------------------------------------------------------------------------

const VARIABLES = new Set([
	'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME',
	'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME',
	'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER', 'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH',
	'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT', 'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT',
	'CURRENT_HOUR', 'CURRENT_MINUTE', 'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET',
	'RANDOM', 'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

export interface SnippetInfo {
	/** Tabstop number → the placeholder texts (raw) and choices (joined with '|') that define it. */
	readonly tabstops: Map<number, { placeholders: string[]; choices: string[]; plain: number }>;
	readonly variables: string[];
}

export class SnippetSyntaxError extends Error {
	constructor(message: string, readonly offset: number) { super(`${message} at offset ${offset}`); }
}

/** Parse a snippet body; throws SnippetSyntaxError on invalid syntax or inconsistent tabstops. */
export function parseSnippet(body: string): SnippetInfo {
	let i = 0;
	const tabstops: SnippetInfo['tabstops'] = new Map();
	const variables: string[] = [];
	const fail = (msg: string, at = i): never => { throw new SnippetSyntaxError(msg, at); };
	const stop = (n: number) => {
		let t = tabstops.get(n);
		if (!t) tabstops.set(n, t = { placeholders: [], choices: [], plain: 0 });
		return t;
	};
	const int = (): number | undefined => {
		const m = /^\d+/.exec(body.slice(i));
		if (!m) return undefined;
		i += m[0].length;
		return Number(m[0]);
	};
	const name = (): string | undefined => {
		const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(body.slice(i));
		if (!m) return undefined;
		i += m[0].length;
		return m[0];
	};
	const expect = (s: string) => {
		if (!body.startsWith(s, i)) fail(`expected '${s}'`);
		i += s.length;
	};
	const variable = (v: string, at: number) => {
		if (!VARIABLES.has(v)) fail(`unknown variable '${v}' (use \\$ for a literal dollar sign)`, at);
		variables.push(v);
	};
	/** Text with escapes until `until` (not consumed); returns the unescaped text. */
	const text = (specials: string, escapable: string): string => {
		let out = '';
		while (i < body.length && !specials.includes(body[i])) {
			if (body[i] === '\\') {
				const next = body[i + 1];
				if (next === undefined || !escapable.includes(next)) fail(`stray backslash (only ${[...escapable].map(c => '\\' + c).join(' ')} are escapes)`);
				out += next;
				i += 2;
			} else out += body[i++];
		}
		return out;
	};
	/** '/' regex '/' format '/' options – positioned on the first '/'. */
	const transform = () => {
		expect('/');
		const reStart = i;
		let re = '';
		while (i < body.length && body[i] !== '/') {
			if (body[i] === '\\' && body[i + 1] === '/') { re += '/'; i += 2; continue; }
			if (body[i] === '\\') { if (i + 1 >= body.length) fail('stray backslash'); re += body.slice(i, i + 2); i += 2; continue; }
			re += body[i++];
		}
		try { new RegExp(re); } catch { fail(`invalid regular expression '${re}'`, reStart); }
		expect('/');
		while (i < body.length && body[i] !== '/') {
			if (body[i] === '\\') { if (i + 1 >= body.length) fail('stray backslash'); i += 2; continue; }
			if (body[i] !== '$') { i++; continue; }
			i++;
			if (int() !== undefined) continue;
			expect('{');
			if (int() === undefined) fail('expected a capture group number');
			if (body[i] === '}') { i++; continue; }
			expect(':');
			if (body[i] === '/') {
				i++;
				if (!name()) fail('expected a case modifier such as /upcase');
			} else if (body[i] === '?') {
				i++; text(':', ':}\\$/'); expect(':'); text('}', ':}\\$/');
			} else {
				if (body[i] === '+' || body[i] === '-') i++;
				text('}', '}\\$/');
			}
			expect('}');
		}
		expect('/');
		const m = /^[a-z]*/.exec(body.slice(i))!;
		i += m[0].length;
		expect('}');
	};
	/** A sequence of elements until end of input, or until an unescaped '}' when nested. */
	const sequence = (nested: boolean): string => {
		const start = i;
		while (i < body.length) {
			const ch = body[i];
			if (ch === '}') {
				if (nested) return body.slice(start, i);
				fail("unmatched '}' (use \\} for a literal brace)");
			}
			if (ch !== '$') { text('$}', '$}\\'); continue; }
			const at = i++;
			let n = int();
			if (n !== undefined) { stop(n).plain++; continue; }
			const bare = name();
			if (bare !== undefined) { variable(bare, at); continue; }
			if (body[i] !== '{') fail("bare '$' (use \\$ for a literal dollar sign)", at);
			i++;
			n = int();
			if (n !== undefined) {
				if (body[i] === '}') { i++; stop(n).plain++; continue; }
				if (body[i] === ':') {
					i++;
					const inner = sequence(true);
					expect('}');
					stop(n).placeholders.push(inner);
					continue;
				}
				if (body[i] === '|') {
					i++;
					const options: string[] = [];
					for (;;) {
						options.push(text(',|', ',|\\$}'));
						if (body[i] === ',') { i++; continue; }
						break;
					}
					expect('|}');
					if (options.some(o => o === '')) fail('empty choice option', at);
					stop(n).choices.push(options.join('|'));
					continue;
				}
				if (body[i] === '/') { transform(); stop(n).plain++; continue; }
				fail(`malformed tabstop \${${n}…`, at);
			}
			const v = name();
			if (v === undefined) fail("expected a tabstop number or variable name after '${'", at);
			variable(v!, at);
			if (body[i] === '}') { i++; continue; }
			if (body[i] === ':') { i++; sequence(true); expect('}'); continue; }
			if (body[i] === '/') { transform(); continue; }
			fail(`malformed variable \${${v}…`, at);
		}
		if (nested) fail("unclosed '${' (missing '}')", start);
		return body.slice(start);
	};
	sequence(false);
	for (const [n, t] of tabstops) {
		const defs = new Set([...t.placeholders.map(p => 'placeholder:' + p), ...t.choices.map(c => 'choice:' + c)]);
		if (defs.size > 1) fail(`tabstop ${n} has ${defs.size} different definitions: ${[...defs].join(' / ')}`, 0);
		if (n === 0 && (t.placeholders.length || t.choices.length)) fail('the final tabstop $0 cannot have a placeholder or choice', 0);
	}
	return { tabstops, variables };
}

// ------------------------------------------------------------------------------------------------

interface SnippetEntry { prefix: string; body: string[]; description: string; scope: string }
interface GeneratorModule { generate(): Record<string, string> }

function readSnippets(): Record<string, SnippetEntry> {
	return JSON.parse(fs.readFileSync(path.join(ROOT, SNIPPETS_FILE), 'utf8')) as Record<string, SnippetEntry>;
}

suite('snippet syntax validator', () => {
	test('accepts the constructs of the snippet grammar', () => {
		for (const ok of [
			'plain text', '$1 and ${2} and $0', '${1:default}', '${1:outer ${2:inner ${3:deepest}} end}', '${1|a,b,c|}',
			'${1|with \\, comma,and \\| bar|}', '$TM_FILENAME ${CURRENT_YEAR} ${CLIPBOARD:fallback}', '\\$ \\} \\\\',
			'${TM_FILENAME/(.*)\\..+$/${1:/upcase}/g}', '${1:x} again ${1:x} and $1', '${1/^(a)?(.*)$/${1:?yes:no}-$2/}', '{ not special \\}',
		]) assert.doesNotThrow(() => parseSnippet(ok), ok);
	});
	test('rejects malformed bodies and inconsistent tabstops', () => {
		for (const [bad, why] of [
			['costs 5 $', 'bare'], ['${1:open', 'unclosed'], ['close }', 'unmatched'], ['${1|a,b}', "expected '|}'"],
			['${1:a} ${1:b}', 'different definitions'], ['${1:a} ${1|a,b|}', 'different definitions'], ['$EURO', 'unknown variable'],
			['${1 x}', 'malformed'], ['a \\n b', 'stray backslash'], ['${}', 'expected a tabstop'], ['${0:end}', 'final tabstop'],
			['${1|a,,b|}', 'empty choice'], ['${TM_FILENAME/(/x/}', 'invalid regular expression'],
		]) assert.throws(() => parseSnippet(bad), (e: Error) => e instanceof SnippetSyntaxError && e.message.includes(why), bad);
	});
});

suite('generated snippets (snippets/dpa.code-snippets)', () => {
	const lib = loadLibrary(path.join(ROOT, 'snippets', 'library.yaml'));
	const snippets = readSnippets();
	const entries = Object.entries(snippets);

	test('the committed files equal the generator output (run `npm run snippets` after editing library.yaml)', async () => {
		const gen = await import(pathToFileURL(path.join(ROOT, 'scripts', 'snippets.mjs')).href) as GeneratorModule;
		const files = gen.generate();
		assert.deepEqual(Object.keys(files).sort(), [DOC_FILE, 'README.md', SNIPPETS_FILE].sort());
		for (const [file, text] of Object.entries(files)) {
			assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} is missing: run npm run snippets`);
			assert.ok(fs.readFileSync(path.join(ROOT, file), 'utf8') === text, `${file} is out of date: run npm run snippets`);
			// `npm run build` regenerates the working copy, so in CI compare with the committed version too.
			if (process.env.CI) {
				const git = spawnSync('git', ['show', `HEAD:${file}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
				if (git.error) continue; // no git: the working-copy check above has to do
				assert.equal(git.status, 0, `${file} is not committed`);
				assert.ok(git.stdout === text, `the committed ${file} is out of date: run npm run snippets and commit it`);
			}
		}
	});

	test('every entry has prefix, body lines, description and scope', () => {
		assert.ok(entries.length > 0);
		for (const [key, s] of entries) {
			assert.match(key, /^(de|en): \S/, key);
			assert.equal(typeof s.prefix, 'string', key);
			assert.ok(Array.isArray(s.body) && s.body.length > 0 && s.body.every(l => typeof l === 'string' && !l.includes('\n')), `${key}: body must be an array of lines`);
			assert.ok(s.description.trim().length > 0, `${key}: description`);
			assert.equal(s.scope, 'markdown,plaintext', key);
		}
	});

	test('every snippet body is valid VS Code snippet syntax with consistent tabstops', () => {
		for (const [key, s] of entries) {
			try {
				parseSnippet(s.body.join('\n'));
			} catch (e) {
				assert.fail(`${key}: ${(e as Error).message}`);
			}
		}
	});

	test('every placeholder stays visible: the server converts each body to text without snippet syntax', () => {
		for (const [key, s] of entries) {
			const text = snippetToText(s.body.join('\n'));
			assert.ok(!/\$\{?\w/.test(text), `${key}: snippet syntax left after snippetToText: ${text.match(/.{0,20}\$\{?\w.{0,20}/)?.[0]}`);
			for (const [n, t] of parseSnippet(s.body.join('\n')).tabstops) {
				for (const p of t.placeholders) assert.ok(snippetToText(p).trim().length > 0, `${key}: tabstop ${n} has an empty placeholder`);
			}
		}
	});

	test('every prefix is unique and easy to type', () => {
		const seen = new Map<string, string>();
		for (const [key, s] of entries) {
			assert.match(s.prefix, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, `${key}: prefix '${s.prefix}'`);
			assert.ok(!seen.has(s.prefix), `prefix '${s.prefix}' used by '${seen.get(s.prefix)}' and '${key}'`);
			seen.set(s.prefix, key);
		}
	});

	test('every requirement id has a German and an English clause snippet', () => {
		const catalogueIds = new Set(loadCatalogue(path.join(ROOT, 'rules')).requirements.map(r => r.id));
		const prefixes = new Map(entries.map(([key, s]) => [`${key.slice(0, 2)}:${s.prefix}`, s]));
		for (const id of REQUIREMENT_IDS) {
			assert.ok(catalogueIds.has(id), `${id} has no file in rules/requirements/`);
			const clauses = lib.clauses.filter(c => c.requirement === id);
			assert.ok(clauses.length > 0, `no clause for ${id} in snippets/library.yaml`);
			for (const c of clauses) {
				for (const lang of ['de', 'en'] as const) {
					assert.ok(c.body[lang]?.trim() && c.title[lang]?.trim() && c.description[lang]?.trim(), `${c.id}: ${lang} text missing`);
					const s = prefixes.get(`${lang}:${c.prefix[lang]}`);
					assert.ok(s, `${c.id}: no ${lang} snippet with prefix ${c.prefix[lang]}`);
					assert.equal(s.body.join('\n'), c.body[lang].trimEnd(), `${c.id}: ${lang} snippet body differs from the library`);
				}
			}
		}
	});

	test('every TOM section has a German and an English snippet, and the complete TOM annex has them all', () => {
		assert.ok(lib.tomSections.length > 0);
		const de = snippets['de: Anlage – Technische und organisatorische Maßnahmen (vollständig)'];
		const en = snippets['en: Annex – Technical and organisational measures (complete)'];
		assert.ok(de && en, 'complete TOM annex snippets missing');
		assert.equal(de.prefix, 'tom-anlage');
		assert.equal(en.prefix, 'tom-annex');
		for (const t of lib.tomSections) {
			for (const lang of ['de', 'en'] as const) {
				assert.ok(t.body[lang]?.trim() && t.title[lang]?.trim() && t.description[lang]?.trim() && t.prefix[lang], `${t.id}: ${lang} missing`);
				const s = snippets[`${lang}: TOM – ${t.title[lang]}`];
				assert.ok(s, `${t.id}: no ${lang} snippet`);
				assert.equal(s.prefix, t.prefix[lang]);
				assert.equal(s.body[0], `#### ${t.title[lang]}`);
				const annex = (lang === 'de' ? de : en).body;
				assert.ok(annex.includes(`#### ${t.title[lang]}`), `${t.id}: not in the complete ${lang} TOM annex`);
				// The section's first line (its explanation) appears in the annex unchanged.
				assert.ok(annex.includes(s.body[2]), `${t.id}: explanation missing from the complete ${lang} TOM annex`);
			}
		}
		// Renumbered tabstops: the annex has as many distinct tabstops as its parts together.
		const sum = (lang: 'de' | 'en') => 1 + parseSnippet(lib.annexes.find(a => a.id === 'toms')!.body[lang]).tabstops.size
			+ lib.tomSections.reduce((acc, t) => acc + parseSnippet(t.body[lang]).tabstops.size, 0);
		assert.equal(parseSnippet(de.body.join('\n')).tabstops.size, sum('de'));
		assert.equal(parseSnippet(en.body.join('\n')).tabstops.size, sum('en'));
	});

	test('annex skeletons start with an "Anlage N" / "Annex I" heading', () => {
		for (const a of lib.annexes) {
			const de = entries.find(([k, s]) => k.startsWith('de:') && s.prefix === a.prefix.de)?.[1];
			const en = entries.find(([k, s]) => k.startsWith('en:') && s.prefix === a.prefix.en)?.[1];
			assert.ok(de && en, `${a.id}: annex snippets missing`);
			assert.equal(de.body[0], `## Anlage \${1:N} – ${a.title.de}`);
			assert.equal(en.body[0], `## Annex \${1:I} – ${a.title.en}`);
		}
	});

	test('the front-matter snippet declares type: dpa in both languages', () => {
		for (const lang of ['de', 'en'] as const) {
			const s = entries.find(([k, e]) => k.startsWith(`${lang}:`) && e.prefix === lib.frontmatter?.prefix[lang])?.[1];
			assert.ok(s, `${lang} front-matter snippet missing`);
			assert.equal(s.body[0], '---');
			assert.ok(s.body.includes('type: dpa') && s.body.includes(`language: ${lang}`));
		}
	});

	test('package.json contributes the snippets for Markdown and plain text and the injection grammar', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
			contributes?: { snippets?: { language: string; path: string }[]; grammars?: { scopeName: string; path: string; injectTo?: string[] }[] };
		};
		const langs = (pkg.contributes?.snippets ?? []).filter(s => path.normalize(s.path) === path.normalize(SNIPPETS_FILE)).map(s => s.language).sort();
		assert.deepEqual(langs, ['markdown', 'plaintext']);
		const grammar = pkg.contributes?.grammars?.find(g => g.scopeName === 'dpa.injection');
		assert.ok(grammar && grammar.injectTo?.includes('text.html.markdown'));
		const raw = JSON.parse(fs.readFileSync(path.join(ROOT, grammar.path), 'utf8')) as { scopeName: string; injectionSelector: string };
		assert.equal(raw.scopeName, 'dpa.injection');
		assert.match(raw.injectionSelector, /^L:text\.html\.markdown\b/);
	});
});
