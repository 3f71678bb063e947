import type { Reporter } from '../messages';
import { OWN_DOCUMENT_AFTER } from '../sccs';
import { foldText, lastStartingBy } from '../text';
import { annexServes, TOPICS } from '../topics';
import type { Annex, DpaDocument, Fix } from '../types';

const FAMILY_WORD: Readonly<Record<string, string>> = {
	anlage: 'Anlage', anhang: 'Anhang', beilage: 'Beilage', annex: 'Annex', schedule: 'Schedule', appendix: 'Appendix', exhibit: 'Exhibit', attachment: 'Attachment',
};

/** "Anlage 3", "Annex II", "Beilage ./4" as the document writes it. */
export function annexName(a: { family: string; label: string; prefix?: string }): string {
	return `${FAMILY_WORD[a.family] ?? a.family} ${a.prefix ?? ''}${a.label}`;
}

/** A part of an annex right after its number: "(A)", ".A", "-B" ("Annex I(A)", "Annex I.B"). */
const ANNEX_PART = /^(?:\(([a-z])\)|[.-]([a-z])(?![\p{L}\p{N}]))/iu;

/** "This Schedule 3", "diese Anlage 2": the document names itself an annex where the words before the name say so. */
const SELF_BEFORE = /(?:^|[^\p{L}])(?:this|diese[rsm]?|vorliegende[rsn]?)\s+$/u;

/**
 * The annex families the document is itself a member of: a document titled "Schedule 3 – Data Protection" (a heading
 * of its head) or saying "This Schedule 3 forms part of the Agreement" is a schedule of another agreement, and when it
 * defines no schedule of its own, "Schedule 1" and "Schedule 2" are that agreement's other schedules (and "this
 * Schedule 3" itself), not annexes missing here. A family the document defines annexes of is not among them.
 */
function siblingFamilies(doc: DpaDocument): Set<string> {
	const out = new Set<string>();
	const own = new Set(doc.annexes.map(a => a.family));
	for (const ref of doc.annexRefs) {
		if (!ref.head || own.has(ref.family) || out.has(ref.family)) continue;
		const block = doc.blocks[lastStartingBy(doc.blocks, ref.span.start)];
		const before = doc.text.slice(Math.max(0, ref.span.start - 20), ref.span.start);
		if (block?.kind === 'heading' || SELF_BEFORE.test(foldText(before))) out.add(ref.family);
	}
	return out;
}

/** annex-undefined, annex-unreferenced, annex-duplicate, annex-mismatch. */
export function checkAnnexes(doc: DpaDocument, r: Reporter): void {
	const seen = new Map<string, Annex>();
	const lines = doc.lines;
	for (const a of doc.annexes) {
		// An annex in parts ("Annex I(A) List of Parties", "Annex I(B) Description of the Transfer", as the SCCs' Annex I
		// has them) defines each part once: the part is part of what is defined.
		const part = a.file ? undefined : ANNEX_PART.exec(doc.text.slice(a.labelSpan.end, a.labelSpan.end + 4));
		const key = `${a.family}:${a.key}${part ? `:${(part[1] ?? part[2]).toLowerCase()}` : ''}`;
		const first = seen.get(key);
		if (first && !a.file && !first.file) {
			r.report('annex-duplicate', a.span, 'default', { annex: annexName(a), line: lines.position(first.span.start).line + 1 }, {
				related: [{ span: first.span, message: r.text('annex-duplicate', 'related', { annex: annexName(first) }) }],
			});
		} else if (!first) seen.set(key, a);
	}
	// Every beginning of an annex-list entry (its first 14 folded characters): "listed" is then one look-up per reference.
	const listed = new Set<string>();
	for (const s of doc.annexListEntries) {
		const entry = foldText(doc.text.slice(s.start, s.end)).replace(/\s+/g, ' ').slice(0, 14);
		for (let n = 0; n <= entry.length; n++) listed.add(entry.slice(0, n));
	}
	const endsWithHeadings = doc.blocks.some(b => b.kind === 'heading');
	const siblings = siblingFamilies(doc);
	for (const ref of doc.annexRefs) {
		if (ref.target || ref.head) continue;
		// "Schedule 1 (Services) to the Agreement" in a document that is itself Schedule 3 of that agreement.
		if (siblings.has(ref.family) && !OWN_DOCUMENT_AFTER.test(foldText(doc.text.slice(ref.span.end, ref.span.end + 80)))) continue;
		const name = annexName(ref);
		const topic = ref.topics[0];
		const title = topic ? TOPICS[topic].annexTitle[r.lang] : (r.lang === 'de' ? '[Titel]' : '[Title]');
		const heading = `${endsWithHeadings ? '## ' : ''}${name} – ${title}`;
		const atEnd = doc.text.length;
		const sep = doc.text.endsWith('\n') ? '\n' : '\n\n';
		const fix: Fix = {
			kind: 'create-annex', mechanical: false, title: r.text('annex-undefined', 'fix', { annex: name, title }),
			edits: [{ span: { start: atEnd, end: atEnd }, text: `${sep}${heading}\n\n${r.lang === 'de' ? '[Inhalt der Anlage]' : '[Content of the annex]'}\n` }],
		};
		const isListed = listed.has(foldText(name));
		r.report('annex-undefined', ref.span, isListed ? 'listed' : 'default', { annex: name }, { fixes: [fix] });
	}
	// Referenced from outside its own text (a file annex has no text of its own here).
	const referenced = new Set<Annex>();
	for (const ref of doc.annexRefs) {
		const a = ref.target;
		if (a && !(ref.span.start >= a.span.start && ref.span.start < a.end && !a.file)) referenced.add(a);
	}
	for (const a of doc.annexes) {
		if (seen.get(`${a.family}:${a.key}`) !== a) continue;
		if (!referenced.has(a)) r.report('annex-unreferenced', a.span, 'default', { annex: annexName(a), title: a.title || '–' });
	}
	// The first two annexes of each topic: the first that is not the cited one is among them.
	const byTopic = new Map<string, Annex[]>();
	for (const a of doc.annexes) {
		for (const topic of a.topics) {
			const list = byTopic.get(topic) ?? [];
			if (list.length < 2 && !list.includes(a)) list.push(a);
			byTopic.set(topic, list);
		}
	}
	for (const ref of doc.annexRefs) {
		const t = ref.target;
		if (!t || ref.head || !t.topics.length || !ref.topics.length) continue;
		if (ref.topics.some(topic => annexServes(t.topics, topic))) continue;
		for (const topic of ref.topics) {
			const other = byTopic.get(topic)?.find(a => a !== t);
			if (!other) continue;
			r.report('annex-mismatch', ref.span, 'default', {
				annex: annexName(ref), topic: TOPICS[topic].name[r.lang], title: t.title, other: annexName(other), otherTitle: other.title,
			}, {
				related: [{ span: other.span, message: r.text('annex-mismatch', 'related', { other: annexName(other) }) }],
				fixes: [{ kind: 'retarget-annex', mechanical: false, title: r.text('annex-mismatch', 'fix', { other: annexName(other) }), edits: [{ span: ref.labelSpan, text: other.label }] }],
			});
			break;
		}
	}
}
