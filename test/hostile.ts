/**
 * Hostile but valid drafts (issue 9): each family builds a text of about `size` characters that once cost more than
 * linear time or crashed the analysis. Shared by the hostile tests and `npm run bench:hostile`.
 */

/** Repeat `unit(i)` until the text reaches `size` characters. */
function fill(size: number, unit: (i: number) => string, head = ''): string {
	const parts = [head];
	let length = head.length;
	for (let i = 0; length < size; i++) {
		const u = unit(i);
		parts.push(u);
		length += u.length;
	}
	return parts.join('');
}

/** A family of hostile inputs: its name and how to build one of about `size` characters. */
export interface HostileFamily { readonly name: string; readonly build: (size: number) => string }

/** Every family of issue 9, in the order the issue lists them. */
export const HOSTILE_FAMILIES: readonly HostileFamily[] = [
	{ name: 'nested block quotes (>>>…)', build: size => '>'.repeat(size) },
	{ name: 'nested list (one level per line)', build: size => fill(size, i => `${'  '.repeat(i)}- Punkt ${i}\n`) },
	{ name: 'nested list markers on one line (- - - …)', build: size => '- '.repeat(size >> 1) + 'Text\n' },
	{ name: 'two-level list (a container closes per line)', build: size => fill(size, i => `- Punkt ${i}\n  - Unterpunkt\n`) },
	{ name: 'block quotes of alternating depth', build: size => fill(size, i => `> Absatz ${i}\n>> Zitat\n`) },
	{ name: 'emphasis delimiters (**_ repeated)', build: size => '**_'.repeat(Math.ceil(size / 3)) },
	{ name: 'unclosed links ([a]( repeated)', build: size => '[a]('.repeat(size >> 2) },
	{ name: 'bracket placeholders in one paragraph', build: size => fill(size, i => `[Name ${i} einfügen] ${i % 8 === 7 ? '\n' : ''}`) },
	{ name: 'clause references', build: size => fill(size, i => `${i + 1}. Pflichten\n\nSiehe Ziff. ${i + 2}.1, § ${i} Abs. 4 und Ziffer 9.${i}.\n\n`) },
	{ name: 'annex headings', build: size => fill(size, i => `Anlage ${(i % 999) + 1} – Unterauftragsverarbeiter\n\nDie Maßnahmen ergeben sich aus Anlage ${(i % 500) + 1}.\n\n`) },
	{
		name: 'objection periods',
		build: size => fill(size, i => `Der Auftraggeber kann der Hinzuziehung eines Unterauftragsverarbeiters binnen ${i % 2 ? 14 : 30} Tagen widersprechen.\n\n`, '---\ntype: dpa\nobjection_period: 14 Tage\n---\n'),
	},
	{ name: 'clause heading, spaces before U+2028', build: size => ['§ 1', '1.1', 'Clause 2', '(3)'].map(head => `${head}${' '.repeat(size >> 2)}x\u2028y`).join('\n\n') },
	{ name: 'unterminated suppression comments', build: size => '<!-- dpa-lint-disable '.repeat(Math.ceil(size / 22)) },
	{ name: 'suppression comments above blank lines', build: size => '<!-- dpa-lint-disable-next-line x -->'.repeat(Math.ceil(size / 74)) + '\n'.repeat(size >> 1) + 'Anlage 9\n' },
	// micromark's cost is per line, however short, and grows with the lines of one container: "=" lines (a setext
	// heading every two lines) once took 20 µs a character, a block quote of lazy lines 30 (20 MB: 7 and 10 minutes).
	{ name: 'setext underlines, one per line (=)', build: size => '=\n'.repeat(size >> 1) },
	{ name: 'lazy lines of one block quote', build: size => fill(size, i => `> Absatz ${i}\nweiter\n`) },
];
