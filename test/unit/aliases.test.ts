import * as assert from 'node:assert/strict';
import { lint, parseDocument } from '../../server/src/core';
import { partyNames, roleReader } from '../../server/src/core/aliases';

const statusOf = (text: string, id: string): string | undefined => lint(text).coverage.find(c => c.requirement === id)?.status;

suite('party names read as their roles', () => {
	test('a name defined in brackets beside a role word, or said to be the controller or processor, stands for that role', () => {
		const doc = parseDocument([
			'# Auftragsbearbeitungsvertrag',
			'',
			'Lindwurm Treuhand AG, Zug (nachfolgend «Lindwurm» oder «Verantwortliche»)',
			'',
			'Bergquell Informatik GmbH, Chur (nachfolgend «Bergquell» oder «Auftragsbearbeiter»)',
			'',
			'Im Verhältnis zu Dritten handelt Pixelhof als Auftragsbearbeiter.',
		].join('\n'));
		// "Pixelhof" is said to be the processor but never defined in quotation marks: no name of a party.
		assert.deepEqual([...partyNames(doc.blocks)].sort(), [['Bergquell', 'processor'], ['Lindwurm', 'controller']]);
		const read = roleReader(partyNames(doc.blocks))!;
		assert.equal(read('Lindwurm ist berechtigt, Bergquell zu prüfen; Lindwurmstraße bleibt.'), 'Controller ist berechtigt, Processor zu prüfen; Lindwurmstraße bleibt.');
		// A name inside a longer word is no name (its start is checked after it): "AltLindwurm", "2Bergquell" stay.
		assert.equal(read('AltLindwurm und 2Bergquell prüfen (Lindwurm).'), 'AltLindwurm und 2Bergquell prüfen (Controller).');
		const en = parseDocument('This DPA is made between Harbour Pay B.V. ("**Harbour**") and the merchant ("**Merchant**").\n\nHarbour acts as a processor on behalf of Merchant, who acts as controller.\n');
		assert.deepEqual([...partyNames(en.blocks)].sort(), [['Harbour', 'processor'], ['Merchant', 'controller']]);
		// German says the role in a sentence too; a hyphenated name is read whole (and compiles).
		const de = parseDocument('Zwischen der Kanzlei Ost und der „Data-Hosting“ GmbH\n\nData-Hosting handelt als Auftragsverarbeiter der „Kanzlei“, die Verantwortlicher ist.\n');
		assert.deepEqual([...partyNames(de.blocks)], [['Data-Hosting', 'processor']]);
		assert.equal(roleReader(partyNames(de.blocks))!('Data-Hosting prüft; Data-Hostings Server'), 'Processor prüft; Data-Hostings Server');
		// The article may sit inside the quotes of a defined term: ("**the Agency**").
		assert.deepEqual([...partyNames(parseDocument('Brightwell Ltd ("**the Agency**") and Loopware Ltd ("**Loopware**").\n\nThe Agency is the controller and Loopware is the processor.\n').blocks)].sort(), [['Agency', 'controller'], ['Loopware', 'processor']]);
		// "each a "Party"" names any party: a conditional role for it names none.
		assert.equal(partyNames(parseDocument('(each a "Party")\n\nWhere a Party is a controller of personal data it receives, it complies with the law.\n').blocks).size, 0);
		// Hundreds of names given roles (a list, or hostile input) are not read as parties at all.
		const letters = (i: number): string => String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + Math.floor(i / 26));
		const list = (n: number): string => Array.from({ length: n }, (_, i) => `Firma ${i} AG (nachfolgend „Kurz${letters(i)}“ oder „Auftragnehmer“)`).join('\n\n');
		assert.equal(partyNames(parseDocument(list(3)).blocks).size, 3);
		assert.equal(partyNames(parseDocument(list(300)).blocks).size, 0);
		// A name starts where the saying before it ended, and a long name of letters beyond U+FFFF is read whole.
		assert.deepEqual([...partyNames(parseDocument('("Alpha") ("Beta") ("Controller-Beta")\n\nAlpha is the Controller-Beta is the processor.\n').blocks)].sort(), [['Alpha', 'controller'], ['Beta', 'processor']]);
		const astral = '\u{1D400}' + '\u{1D41B}'.repeat(24);
		assert.deepEqual([...partyNames(parseDocument(`("${astral}")\n\n${astral} is the processor.\n`).blocks)], [[astral, 'processor']]);
		assert.equal(partyNames(parseDocument(`("${astral}")\n\neither ${astral} is the processor.\n`).blocks).size, 0);
		// A name given both roles is left alone; a draft naming its parties by role has no names to read.
		assert.equal(partyNames(parseDocument('("**Acme**" or "Controller")\n\nAcme is the processor.\n').blocks).size, 0);
		assert.equal(roleReader(partyNames(parseDocument('between the Controller and the Processor ("Processor")\n').blocks)), undefined);
	});

	test('the controller\'s audit right given under its own name counts as the controller\'s', () => {
		const draft = (definition: string): string => [
			'# Vereinbarung über die Auftragsbearbeitung',
			'',
			`Lindwurm Treuhand AG, Zug ${definition}`,
			'',
			'und Bergquell Informatik GmbH, Chur',
			'',
			'## 1. Kontrollen',
			'',
			'1.1 Bergquell stellt alle erforderlichen Informationen zum Nachweis der Einhaltung dieser Vereinbarung zur Verfügung.',
			'',
			'1.2 Lindwurm ist berechtigt, die Einhaltung dieser Vereinbarung selbst oder durch einen beauftragten Prüfer zu überprüfen, auch durch Inspektionen vor Ort.',
			'',
		].join('\n');
		assert.equal(statusOf(draft('(nachfolgend «Lindwurm» oder «Verantwortliche»)'), 'art28-3-h-audit'), 'present');
		// Without the definition "Lindwurm" names nobody the draft makes the controller.
		assert.equal(statusOf(draft(''), 'art28-3-h-audit'), 'partial');
	});
});
