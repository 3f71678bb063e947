import * as assert from 'node:assert/strict';
import { computeCoverage, defaultCatalogue, parseDocument, type Catalogue, type RequirementSpec } from '../../server/src/core';
import type { ContrastExample } from '../../server/src/core/catalogue';

/**
 * The contrast examples of each requirement file (rules/requirements/NN-id.yaml), run as tests: every sentence
 * under `present` must satisfy the requirement on its own (the element it names, or at least one element), every
 * sentence under `lookalike` must satisfy none (or not the element it names). A lawyer who finds a miss adds the
 * sentence there and sees this fail.
 */
const MIN_EXAMPLES = 6;
const LANGS = ['de', 'en'] as const;

/** What one sentence, alone as a draft, makes of a requirement: found element ids and the status. */
function verdict(cat: Catalogue, req: RequirementSpec, text: string): { status: string; found: readonly string[] } {
	const cov = computeCoverage(parseDocument(text), cat).coverage.find(c => c.requirement === req.id)!;
	return { status: cov.status, found: cov.found };
}

function satisfies(cat: Catalogue, req: RequirementSpec, ex: ContrastExample): boolean {
	const v = verdict(cat, req, ex.text);
	return ex.element ? v.found.includes(ex.element) : v.found.length > 0;
}

/** A catalogue in which one cue group never matches: the "pattern deleted" mutant. */
function without(cat: Catalogue, group: string): Catalogue {
	const never = /(?!)/u;
	const cues = new Map(cat.cues); cues.set(group, never);
	const cueParts = new Map(cat.cueParts); cueParts.set(group, [never]);
	return { ...cat, cues, cueParts };
}

/** The cue groups a requirement's elements require (`all`) and exclude or weaken (`not`, `weak`), without the context markers. */
function groupsOf(req: RequirementSpec): { all: Set<string>; not: Set<string>; partial: Set<string> } {
	const all = new Set<string>(), not = new Set<string>(), partial = new Set<string>();
	for (const el of req.elements) for (const m of el.match) {
		for (const g of m.all) (m.partial ? partial : all).add(g.replace(/^[\^@]/, ''));
		for (const g of [...m.not, ...m.weak]) not.add(g);
	}
	for (const g of all) partial.delete(g);
	return { all, not, partial };
}

suite('contrast examples of the requirement files', () => {
	const cat = defaultCatalogue();
	for (const req of cat.requirements) {
		suite(req.id, () => {
			for (const lang of LANGS) {
				const ex = req.examples[lang];
				test(`${lang}: at least ${MIN_EXAMPLES} sentences that satisfy it and ${MIN_EXAMPLES} look-alikes`, () => {
					assert.ok(ex.present.length >= MIN_EXAMPLES, `${req.file}: ${ex.present.length} ${lang} present examples`);
					assert.ok(ex.lookalike.length >= MIN_EXAMPLES, `${req.file}: ${ex.lookalike.length} ${lang} look-alikes`);
				});
				test(`${lang}: every example decides as annotated`, () => {
					const wrong = [
						...ex.present.filter(e => !satisfies(cat, req, e)).map(e => `should satisfy${e.element ? ` ${e.element}` : ''}: ${e.text}`),
						...ex.lookalike.filter(e => satisfies(cat, req, e)).map(e => `look-alike satisfies${e.element ? ` ${e.element}` : ''}: ${e.text}`),
					];
					assert.deepEqual(wrong, [], `${req.file}:\n${wrong.join('\n')}`);
				});
			}
			test('deleting a cue group it requires makes one of its examples fail', () => {
				const { all, not, partial } = groupsOf(req);
				const examples = [...req.examples.de.present, ...req.examples.en.present];
				const lookalikes = [...req.examples.de.lookalike, ...req.examples.en.lookalike];
				const unproven: string[] = [];
				for (const g of all) {
					const mutant = without(cat, g);
					if (!examples.some(e => satisfies(cat, req, e) && !satisfies(mutant, req, e))) unproven.push(`all: ${g}`);
				}
				for (const g of not) {
					const mutant = without(cat, g);
					if (!lookalikes.some(e => !satisfies(cat, req, e) && satisfies(mutant, req, e))) unproven.push(`not: ${g}`);
				}
				// A group that only ever gives a partial verdict ("a definition names the data") is proven by a look-alike it makes partial.
				for (const g of partial) {
					const mutant = without(cat, g);
					if (!lookalikes.some(e => verdict(cat, req, e.text).status === 'partial' && verdict(mutant, req, e.text).status === 'missing')) unproven.push(`partial: ${g}`);
				}
				assert.deepEqual(unproven, [], `${req.file}: no example depends on these cue groups`);
			});
		});
	}
});
