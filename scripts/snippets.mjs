// Generate the VS Code snippets (snippets/dpa.code-snippets) and their list (docs/SNIPPETS.md) from
// the single source of truth, snippets/library.yaml.
//
//   node scripts/snippets.mjs          write both files
//   node scripts/snippets.mjs --check  exit 1 if a committed file differs from the generator's output
//
// The generated files are committed; test/unit/snippets.test.ts fails when they drift from the library.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yaml from 'js-yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const LIBRARY_FILE = 'snippets/library.yaml';
export const SNIPPETS_FILE = 'snippets/dpa.code-snippets';
export const DOC_FILE = 'docs/SNIPPETS.md';

const LANGS = ['de', 'en'];
const SCOPE = 'markdown,plaintext';
/** Heading of an annex: German "Anlage N", English "Annex I"; the number is the first tabstop. */
const ANNEX_HEAD = { de: 'Anlage ${1:N} – ', en: 'Annex ${1:I} – ' };
const ANNEX_KEY = { de: 'Anlage', en: 'Annex' };
const COMPLETE = { de: 'vollständig', en: 'complete' };
const FRONT_MATTER_KEY = { de: 'Front-Matter', en: 'Front matter' };
/** Labels that tell variant clauses with the same title apart in the snippet keys. */
const VARIANT = {
	general: { de: 'allgemeine Genehmigung', en: 'general authorisation' },
	specific: { de: 'gesonderte Genehmigung', en: 'specific authorisation' },
	strict: { de: 'streng', en: 'strict' },
	moderate: { de: 'moderat', en: 'moderate' },
};

/** Read and parse the library (same schema as server/src/core/library.ts). */
export function loadLibrary(file = join(ROOT, LIBRARY_FILE)) {
	return yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA });
}

/**
 * Call fn(number, index, length) for every tabstop number in a snippet body ($n, ${n}, ${n:…}, ${n|…|})
 * and return the body with each number replaced by fn's result. Escaped characters (\$, \}, \\) are skipped.
 */
function mapTabstops(body, fn) {
	let out = '';
	for (let i = 0; i < body.length; i++) {
		const ch = body[i];
		if (ch === '\\') { out += body.slice(i, i + 2); i++; continue; }
		if (ch !== '$') { out += ch; continue; }
		const m = /^(\$\{?)(\d+)/.exec(body.slice(i));
		if (!m) { out += ch; continue; }
		out += m[1] + String(fn(Number(m[2])));
		i += m[0].length - 1;
	}
	return out;
}

/** The highest tabstop number in a body (0 if none). */
export function maxTabstop(body) {
	let max = 0;
	mapTabstops(body, n => { max = Math.max(max, n); return n; });
	return max;
}

/** Shift every tabstop except $0 by offset; a part to be shifted must not contain $0. */
export function shiftTabstops(body, offset) {
	return mapTabstops(body, n => {
		if (n === 0) throw new Error('cannot assemble a body that contains the final tabstop $0');
		return n + offset;
	});
}

/** Join parts (each a snippet body) with blank lines, renumbering the tabstops so that they stay distinct. */
function assemble(parts) {
	let offset = 0;
	const out = [];
	for (const part of parts) {
		out.push(offset ? shiftTabstops(part, offset) : part);
		offset += maxTabstop(part);
	}
	return out.join('\n\n');
}

const trimBody = s => String(s).replace(/\s+$/, '');
const lines = s => trimBody(s).split('\n');

/** The full TOM annex body for a language: heading, introduction, groups with their sections. */
export function tomAnnexBody(lib, lang) {
	const intro = lib.annexes.find(a => a.id === 'toms');
	if (!intro) throw new Error('annexes: entry "toms" missing');
	const groups = lib.tom_groups ?? [];
	const parts = [`## ${ANNEX_HEAD[lang]}${intro.title[lang]}`, trimBody(intro.body[lang])];
	for (const g of groups) {
		const sections = lib.tom_sections.filter(s => s.group === g.id);
		if (!sections.length) throw new Error(`tom_groups: no tom_sections in group "${g.id}"`);
		parts.push(`### ${g.title[lang]}`);
		for (const s of sections) parts.push(`#### ${s.title[lang]}\n\n${trimBody(s.body[lang])}`);
	}
	const grouped = new Set(groups.map(g => g.id));
	const orphan = lib.tom_sections.find(s => !grouped.has(s.group));
	if (orphan) throw new Error(`tom_sections: "${orphan.id}" has group "${orphan.group}", which tom_groups does not list`);
	return assemble(parts);
}

/**
 * Build the snippets of the library.
 * Returns a list of { key, lang, kind, prefix, body (string), description, title } in output order.
 */
export function buildSnippets(lib) {
	const out = [];
	for (const lang of LANGS) {
		const add = (kind, key, prefix, body, description, title) => out.push({ key: `${lang}: ${key}`, lang, kind, prefix, body: trimBody(body), description, title });
		if (lib.frontmatter) {
			const f = lib.frontmatter;
			add('frontmatter', FRONT_MATTER_KEY[lang], f.prefix[lang], f.body[lang], f.description[lang], FRONT_MATTER_KEY[lang]);
		}
		for (const c of lib.clauses) {
			const twins = lib.clauses.filter(o => o.title[lang] === c.title[lang]);
			const label = twins.length > 1 ? ` (${(VARIANT[c.variant] ?? {})[lang] ?? c.id})` : '';
			add('clause', c.title[lang] + label, c.prefix[lang], c.body[lang], c.description[lang], c.title[lang] + label);
		}
		for (const s of lib.tom_sections) {
			add('tom', `TOM – ${s.title[lang]}`, s.prefix[lang], `#### ${s.title[lang]}\n\n${trimBody(s.body[lang])}`, s.description[lang], s.title[lang]);
		}
		for (const a of lib.annexes) {
			const body = assemble([`## ${ANNEX_HEAD[lang]}${a.title[lang]}`, a.body[lang]]);
			add('annex', `${ANNEX_KEY[lang]} – ${a.title[lang]}`, a.prefix[lang], body, a.description[lang], a.title[lang]);
			if (a.id === 'toms' && lib.tom_annex) {
				const title = `${a.title[lang]} (${COMPLETE[lang]})`;
				add('annex', `${ANNEX_KEY[lang]} – ${title}`, lib.tom_annex.prefix[lang], tomAnnexBody(lib, lang), lib.tom_annex.description[lang], title);
			}
		}
	}
	const seen = new Set();
	for (const s of out) {
		if (seen.has(s.key)) throw new Error(`duplicate snippet key "${s.key}"`);
		seen.add(s.key);
		if (!s.prefix || !s.description) throw new Error(`snippet "${s.key}" lacks a prefix or description`);
	}
	return out;
}

/** The contents of snippets/dpa.code-snippets. */
export function renderSnippetsFile(snippets) {
	const json = {};
	for (const s of snippets) json[s.key] = { prefix: s.prefix, body: lines(s.body), description: s.description, scope: SCOPE };
	return JSON.stringify(json, null, '\t') + '\n';
}

const cell = s => String(s).replace(/\|/g, '\\|');

/** The contents of docs/SNIPPETS.md: one table row per snippet, German and English prefix side by side. */
export function renderDoc(snippets) {
	const groups = [
		['frontmatter', 'Front matter'],
		['clause', 'Clauses (Art. 28 GDPR)'],
		['tom', 'Technical and organisational measures (Art. 32 GDPR)'],
		['annex', 'Annexes'],
	];
	const out = [
		'<!-- Generated by scripts/snippets.mjs from snippets/library.yaml (npm run snippets). Do not edit. -->',
		'# Snippets',
		'',
		'Type a prefix in a Markdown or plain-text file and pick the snippet from the suggestions',
		'(or run *Insert Snippet*). Tab moves from one placeholder to the next; a placeholder left',
		'unfilled stays visible in square brackets and is reported by the linter.',
	];
	for (const [kind, heading] of groups) {
		const de = snippets.filter(s => s.kind === kind && s.lang === 'de');
		const en = snippets.filter(s => s.kind === kind && s.lang === 'en');
		if (!de.length) continue;
		if (de.length !== en.length) throw new Error(`${kind}: ${de.length} German but ${en.length} English snippets`);
		out.push('', `## ${heading}`, '', '| Snippet | Prefix (de) | Prefix (en) | Description |', '| --- | --- | --- | --- |');
		de.forEach((d, i) => {
			const e = en[i];
			const title = d.title === e.title ? e.title : `${d.title} / ${e.title}`;
			out.push(`| ${cell(title)} | \`${d.prefix}\` | \`${e.prefix}\` | ${cell(e.description)} |`);
		});
	}
	return out.join('\n') + '\n';
}

export const README_FILE = 'README.md';
const BEGIN = '<!-- snippets:begin (generated by scripts/snippets.mjs) -->';
const END = '<!-- snippets:end -->';

/** README.md with the snippet tables between its markers (the tables of docs/SNIPPETS.md, one heading level down). */
export function renderReadme(snippets, readme = readFileSync(join(ROOT, README_FILE), 'utf8')) {
	const from = readme.indexOf(BEGIN), to = readme.indexOf(END);
	if (from < 0 || to < from) return readme;
	const tables = renderDoc(snippets).split('\n').filter(l => !l.startsWith('<!--') && l !== '# Snippets').join('\n').trim().replace(/^## /gm, '#### ');
	return `${readme.slice(0, from + BEGIN.length)}\n\n${tables}\n\n${readme.slice(to)}`;
}

/** Every generated file: repository-relative path → contents. */
export function generate(lib = loadLibrary()) {
	const snippets = buildSnippets(lib);
	return { [SNIPPETS_FILE]: renderSnippetsFile(snippets), [DOC_FILE]: renderDoc(snippets), [README_FILE]: renderReadme(snippets) };
}

function main() {
	const files = generate();
	if (process.argv.includes('--check')) {
		const stale = Object.entries(files).filter(([p, text]) => {
			try { return readFileSync(join(ROOT, p), 'utf8') !== text; } catch { return true; }
		}).map(([p]) => p);
		if (stale.length) {
			console.error(`out of date: ${stale.join(', ')} (run npm run snippets)`);
			process.exit(1);
		}
		return;
	}
	for (const [p, text] of Object.entries(files)) {
		try { if (readFileSync(join(ROOT, p), 'utf8') === text) continue; } catch { /* not there yet */ }
		mkdirSync(dirname(join(ROOT, p)), { recursive: true });
		writeFileSync(join(ROOT, p), text);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
