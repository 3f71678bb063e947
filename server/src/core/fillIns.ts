/**
 * Highlighted passages ("==…==", the highlight syntax of Markdown editors and of Word exports): a highlight is a
 * fill-in when it holds no words in lower case or an "XY"/"xxx" mark ("==NAME, ADRESSE==", "==XY-Vertrag vom
 * DATUM=="); highlighted real wording ("==als Internet Service Provider==") is content that was merely marked.
 * The placeholder check reports the fill-ins; coverage never takes them for content.
 */
export const HIGHLIGHT = /==([^=\n]{1,200})==/gu;

/** Whether the inner text of a highlight is a fill-in rather than marked real wording. */
export const fillInHighlight = (inner: string): boolean => !/\p{Ll}{2}/u.test(inner) || /(?<![\p{L}])(?:XY|X{2,}|x{3,})(?![\p{L}])/u.test(inner);
