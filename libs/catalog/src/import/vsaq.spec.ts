import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { realQuestionnaire } from '@app/testing';
import type { AnswerValue } from '../expressions/index.js';
import type { QuestionnaireTemplate } from '../templates/template.types.js';
import { visibleQuestions } from '../templates/visible-questions.js';
import { htmlToLine, htmlToText } from './html-text.js';
import { ImportFailedError } from './import.errors.js';
import { VSAQ_ANSWERABLE_TYPES, vsaqToFamilies } from './vsaq.js';
import { parseVsaqCondition } from './vsaq-condition.js';
import { parseVsaqon } from './vsaqon.js';

const fixture = (name: string) => realQuestionnaire(name).toString('utf8');

type RawItem = Record<string, unknown> & { type?: string; id?: string; cond?: string };

/** The answerable items of a VSAQ tree in document order, walked here independently. */
function answerableItems(tree: unknown): RawItem[] {
  const found: RawItem[] = [];
  const walk = (item: RawItem) => {
    if (item.auth === 'admin' || item.className === 'vsaq-invisible') return;
    if ((VSAQ_ANSWERABLE_TYPES as readonly string[]).includes(item.type ?? '')) found.push(item);
    if (item.type === 'block') (item.items as RawItem[]).forEach(walk);
  };
  (tree as { questionnaire: RawItem[] }).questionnaire.forEach(walk);
  return found;
}

const choicesOf = (item: RawItem): string[] =>
  ((item.choices as Record<string, string>[] | undefined) ?? []).flatMap((c) => Object.keys(c));

/**
 * A reference evaluator of VSAQ conditions, written from VSAQ's documented behaviour: tokens
 * split on ` ()!&|,`; `!` negates the next operand; && and || fold left to right; an id reads
 * false when its item (or enclosing block) is hidden; `^id` reads "is shown".
 */
function vsaqVisibility(tree: unknown, answers: Map<string, string | string[]>): Set<RawItem> {
  const parents = new Map<RawItem, RawItem | null>();
  const byId = new Map<string, { item: RawItem; option?: string }>();
  const index = (item: RawItem, parent: RawItem | null) => {
    parents.set(item, parent);
    if (item.id) byId.set(item.id, { item });
    for (const option of choicesOf(item)) byId.set(option, { item, option });
    if (item.type === 'block') (item.items as RawItem[]).forEach((child) => index(child, item));
  };
  (tree as { questionnaire: RawItem[] }).questionnaire.forEach((root) => index(root, null));

  const visible = (item: RawItem): boolean => {
    const parent = parents.get(item);
    return (!parent || visible(parent)) && (!item.cond || evaluate(item.cond));
  };
  const resolve = (token: string): boolean => {
    if (token === 'false') return false;
    const name = token.replace(/^\^/, '').replace(/\/(yes|no|value)$/, '');
    const ref = byId.get(name)!;
    if (token.startsWith('^')) return visible(ref.item);
    if (!visible(ref.item)) return false;
    const answer = ref.item.id ? answers.get(ref.item.id) : answers.get(choicesOf(ref.item)[0]);
    if (ref.option !== undefined)
      return Array.isArray(answer) ? answer.includes(ref.option) : answer === ref.option;
    if (ref.item.type === 'yesno') return answer === (token.endsWith('/no') ? 'no' : 'yes');
    return false;
  };
  const evaluate = (cond: string): boolean => {
    const tokens = cond.match(/&&|\|\||[()!]|[^\s()!&|]+/g) ?? [];
    let position = 0;
    const group = (): boolean => {
      const values: (boolean | string)[] = [];
      while (position < tokens.length && tokens[position] !== ')') {
        const token = tokens[position++];
        if (token === '(') {
          values.push(group());
          position++;
        } else if (token === '!' || token === '&&' || token === '||') values.push(token);
        else values.push(resolve(token));
      }
      const negated: (boolean | string)[] = [];
      for (let i = 0; i < values.length; i++)
        negated.push(values[i] === '!' ? !values[++i] : values[i]);
      let result = negated[0] as boolean;
      for (let i = 1; i < negated.length; i += 2)
        result =
          negated[i] === '&&'
            ? result && (negated[i + 1] as boolean)
            : result || (negated[i + 1] as boolean);
      return result;
    };
    return group();
  };
  return new Set(answerableItems(tree).filter(visible));
}

function importFixture(name: string) {
  const tree = parseVsaqon(name, fixture(name));
  const result = vsaqToFamilies(name, tree);
  const template: QuestionnaireTemplate = {
    key: 'vsaq',
    version: '1.0.0',
    title: name,
    description: 'test',
    audience: 'msp',
    families: result.families,
  };
  return { tree, result, template };
}

describe('VSAQON, the format VSAQ questionnaires are published in', () => {
  it('reads comments, concatenated strings, \\x escapes and trailing commas', () => {
    const source = [
      '// Copyright line',
      '{ "questionnaire": [ /* inline */ {',
      '  "text": "Part one, " +',
      '     \'part two\' + "\\x41\\u00e9", // a comment after a value',
      '  "url": "https://example.com//not-a-comment",',
      '  items: [1, -2.5e1, true, null,],',
      '}]}',
    ].join('\n');
    expect(parseVsaqon('q.json', source)).toEqual({
      questionnaire: [
        {
          text: 'Part one, part twoAé',
          url: 'https://example.com//not-a-comment',
          items: [1, -25, true, null],
        },
      ],
    });
  });

  it.each([
    ['{ "a": 1 ', 'q.json line 1 column 10: expected "}", found "the end"'],
    ['{\n  "a": "x" + 3 }', 'q.json line 2 column 14: "+" must join two strings'],
    ['{ "a": "\\x4" }', 'q.json line 1 column 11: "\\x" needs 2 hexadecimal digits'],
    ['{ "a": "open\n" }', 'q.json line 1 column 13: a string is not closed on its line'],
    ['{ "a": 1 } x', 'q.json line 1 column 12: unexpected "x" after the end'],
  ])('names the line and column of a mistake in %j', (source, problem) => {
    try {
      parseVsaqon('q.json', source);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFailedError);
      const [first] = (error as ImportFailedError).problems;
      expect(`${first.location}: ${first.message}`).toBe(problem);
    }
  });

  it('cannot be tricked into setting an object prototype', () => {
    const value = parseVsaqon('q.json', '{ "__proto__": { "polluted": true } }') as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});

describe('VSAQ conditions', () => {
  it('folds && and || left to right, as VSAQ does, with ! on the next operand', () => {
    expect(parseVsaqCondition('a || b && !c')).toEqual({
      kind: 'and',
      left: {
        kind: 'or',
        left: { kind: 'ref', id: 'a', visibility: false },
        right: { kind: 'ref', id: 'b', visibility: false },
      },
      right: { kind: 'not', operand: { kind: 'ref', id: 'c', visibility: false } },
    });
    expect(parseVsaqCondition('!^tip_x && q/no')).toEqual({
      kind: 'and',
      left: { kind: 'not', operand: { kind: 'ref', id: 'tip_x', visibility: true } },
      right: { kind: 'ref', id: 'q', visibility: false, suffix: 'no' },
    });
    expect(parseVsaqCondition('  ')).toBeNull();
  });

  it.each([
    ['a & b', 'write "&&", not "&"'],
    ['(a || b', 'a "(" is not closed'],
    ['a b', 'unexpected "b" (ids must be joined with && or ||)'],
    ['a &&', 'the condition ends where a value was expected'],
  ])('explains what is wrong with %j', (source, message) => {
    expect(() => parseVsaqCondition(source)).toThrow(message);
  });

  const translate = (items: RawItem[]) =>
    vsaqToFamilies('t.json', { questionnaire: [{ type: 'block', text: 'Root', items }] });

  it('carries block conditions onto every question inside, and reads each id by its kind', () => {
    const result = translate([
      {
        type: 'block',
        text: 'Access',
        items: [
          { type: 'yesno', id: 'uses_vpn', text: 'Do you use a VPN for remote access?' },
          {
            type: 'radiogroup',
            id: 'vpn_kind',
            text: 'Which VPN do you run?',
            cond: 'uses_vpn',
            choices: [{ vpn_kind_managed: 'Managed' }, { vpn_kind_self: 'Self-hosted' }],
          },
          {
            type: 'block',
            id: 'block_self',
            cond: 'vpn_kind_self || uses_vpn/no',
            items: [
              {
                type: 'checkgroup',
                text: 'Which logs do you keep?',
                choices: [{ logs_keep_fw: 'Firewall' }, { logs_keep_vpn: 'VPN' }],
              },
              {
                type: 'line',
                id: 'logs_where',
                text: 'Where are they kept?',
                cond: 'logs_keep_fw',
              },
              {
                type: 'tip',
                id: 'tip_logs',
                text: 'Keep them <b>off</b> the host.',
                cond: '!logs_keep_vpn',
              },
              {
                type: 'upload',
                id: 'logs_sample',
                text: 'Attach a sample log file.',
                cond: '^tip_logs',
              },
            ],
          },
        ],
      },
    ]);
    expect(result.problems).toEqual([]);
    const block = "answer('vpn_kind') == 'self' or answer('uses_vpn') == 'no'";
    expect(result.families[0].questions.map((q) => [q.id, q.visibleWhen ?? null])).toEqual([
      ['uses_vpn', null],
      ['vpn_kind', "answer('uses_vpn') == 'yes'"],
      ['logs_keep', block],
      ['logs_where', `(${block}) and includes(answer('logs_keep'), 'fw')`],
      ['logs_sample', `(${block}) and not includes(answer('logs_keep'), 'vpn')`],
    ]);
    expect(result.families[0].questions[2].help).toBe('Tip: Keep them off the host.');
  });

  it('refuses what Cascade conditions cannot say, naming the item path', () => {
    const result = translate([
      { type: 'line', id: 'domain', text: 'Which domain do you use?' },
      { type: 'line', id: 'mx', text: 'Which mail host?', cond: 'matches(domain/value, "^a")' },
      { type: 'line', id: 'other', text: 'Anything else to add?', cond: 'nowhere' },
    ]);
    expect(result.problems).toEqual([
      {
        location: 't.json $.questionnaire[0].items[1] (id mx) cond',
        message:
          'uses matches(), a text test that Cascade conditions cannot express; replace it with a choice',
      },
      {
        location: 't.json $.questionnaire[0].items[2] (id other) cond',
        message: 'refers to "nowhere", which is not an item of t.json',
      },
    ]);
  });

  it('scores a radiogroup by the warnings VSAQ attaches to its choices', () => {
    const result = translate([
      {
        type: 'radiogroup',
        id: 'fw',
        text: 'Do you filter inbound traffic?',
        choices: [{ fw_yes: 'Yes' }, { fw_partly: 'Partly' }, { fw_no: 'No' }],
      },
      {
        type: 'tip',
        warn: 'yes',
        severity: 'critical',
        name: 'No firewall',
        text: 'See <a href="https://example.com/fw">the guide</a>.',
        cond: 'fw_no || fw_partly',
      },
    ]);
    const [question] = result.families[0].questions;
    expect(question).toMatchObject({
      scoring: { kind: 'choice', values: { yes: 1, partly: 0, no: 0 } },
      weight: 5,
      help: 'Warning (critical): No firewall. See the guide (https://example.com/fw).',
    });
  });
});

describe('HTML in VSAQ labels', () => {
  it('becomes text, keeping link targets', () => {
    expect(
      htmlToLine(
        "<p>Protect against <a href='https://owasp.org/csrf'>cross-site request forgery</a> &amp; <code>&lt;img&gt;</code></p>",
      ),
    ).toBe('Protect against cross-site request forgery (https://owasp.org/csrf) & <img>');
    expect(htmlToText('<p>One</p><p>Two<br>three</p><ul><li>a</li></ul>')).toBe(
      'One\nTwo\nthree\n\n- a',
    );
  });
});

describe.each(['vsaq-webapp.json', 'vsaq-infrastructure.json'])('the published %s', (name) => {
  const { tree, result, template } = importFixture(name);
  const questions = template.families.flatMap((family) => family.questions);
  const items = answerableItems(tree);

  it('imports without a problem: one question per answerable item, in order', () => {
    expect(result.problems).toEqual([]);
    expect(questions).toHaveLength(items.length);
    items.forEach((item, i) => {
      if (item.id && item.id.length <= 40) expect(questions[i].id).toBe(item.id);
    });
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    // Every section is a family, and the import is scoreable: some questions weigh.
    expect(template.families.length).toBeGreaterThanOrEqual(3);
    expect(questions.filter((q) => q.weight > 0).length).toBeGreaterThan(20);
    const markup = /<\/?(a|p|b|i|br|code|ul|ol|li|strong|em)\b[^>]*>/i;
    expect(questions.filter((q) => markup.test(q.text) || markup.test(q.help ?? ''))).toEqual([]);
  });

  it('shows exactly the questions VSAQ shows, for any answers', () => {
    const options = (item: RawItem) =>
      item.type === 'yesno'
        ? ['yes', 'no']
        : item.type === 'line' || item.type === 'box'
          ? ['text']
          : choicesOf(item);
    const answerSets = fc.array(fc.nat(), { minLength: items.length, maxLength: items.length });
    fc.assert(
      fc.property(answerSets, (picks) => {
        const vsaqAnswers = new Map<string, string | string[]>();
        const cascadeAnswers: Record<string, AnswerValue> = {};
        items.forEach((item, i) => {
          const choices = options(item);
          const pick = picks[i] % (choices.length + 1);
          if (pick === choices.length) return; // unanswered
          const question = questions[i];
          const key = item.id ?? choicesOf(item)[0];
          const valueOf = (choice: string) =>
            'options' in question.answer
              ? question.answer.options[choicesOf(item).indexOf(choice)].value
              : choice;
          if (item.type === 'checkgroup') {
            const chosen = choices.filter((_c, bit) => (picks[i] >> bit) & 1);
            vsaqAnswers.set(key, chosen);
            cascadeAnswers[question.id] = chosen.map(valueOf);
          } else {
            vsaqAnswers.set(key, choices[pick]);
            cascadeAnswers[question.id] = valueOf(choices[pick]);
          }
        });
        const expected = vsaqVisibility(tree, vsaqAnswers);
        const shown = new Set(visibleQuestions(template, cascadeAnswers).map((q) => q.id));
        expect(questions.filter((_q, i) => expected.has(items[i])).map((q) => q.id)).toEqual(
          questions.filter((q) => shown.has(q.id)).map((q) => q.id),
        );
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
