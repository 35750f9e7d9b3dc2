import { describe, expect, it } from 'vitest';
import { MAPPING_V1, findBuiltinMappingDefinition } from './builtin-mapping-v1.ts';
import { parseMappingDefinition } from './mapping-definition.ts';

const valid = () =>
  JSON.parse(JSON.stringify(MAPPING_V1)) as Record<string, unknown> & { areas: Record<string, unknown>[] };

describe('parseMappingDefinition', () => {
  it('accepts the built-in definition, which names every life area the brief asks for', () => {
    const parsed = parseMappingDefinition(MAPPING_V1);
    expect(parsed.ok).toBe(true);
    expect(MAPPING_V1.areas.map((a) => a.id)).toEqual([
      'housing',
      'income_economy',
      'debts',
      'physical_health',
      'mental_health',
      'substance_use',
      'education',
      'work',
      'family_children',
      'social_network',
      'leisure_routines',
      'identity_documents',
      'legal_matters',
    ]);
    expect(findBuiltinMappingDefinition('utvag-mapping', 1)).toBe(MAPPING_V1);
    expect(findBuiltinMappingDefinition('utvag-mapping', 2)).toBeNull();
  });

  it('guards debts and income by the economy section and everything else by the plan', () => {
    const bySection = Object.groupBy(MAPPING_V1.areas, (a) => a.section);
    expect(bySection.economy?.map((a) => a.id)).toEqual(['income_economy', 'debts']);
    expect(bySection.plan).toHaveLength(11);
  });

  it('rejects duplicate area ids, naming the second one in both languages', () => {
    const input = valid();
    input.areas.push({ ...input.areas[0]!, name: { sv: 'Boende igen', en: 'Housing again' } });
    const parsed = parseMappingDefinition(JSON.stringify(input));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      expect.objectContaining({
        path: `areas[${input.areas.length - 1}].id`,
        code: 'duplicate_area_id',
        message: {
          sv: expect.stringContaining('"housing" används redan'),
          en: expect.stringContaining('"housing" is already used'),
        },
      }),
    ]);
  });

  it('lists every fault at once, each with its path', () => {
    const input = valid();
    input.id = 'X';
    input.version = 0;
    input.areas[0] = { id: 'housing', section: 'protection', name: { sv: 'Boende' }, colour: 'red' };
    input.areas[1] = { ...input.areas[1]!, id: 'housing' };
    const parsed = parseMappingDefinition(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const found = parsed.errors.map((e) => [e.path, e.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['id', 'invalid_definition_id'],
        ['version', 'invalid_version'],
        ['areas[0].section', 'invalid_section'],
        ['areas[0].name.en', 'missing_translation'],
        ['areas[0].colour', 'unknown_field'],
        ['areas[1].id', 'duplicate_area_id'],
      ]),
    );
    for (const e of parsed.errors) {
      expect(e.message.sv.length).toBeGreaterThan(0);
      expect(e.message.en.length).toBeGreaterThan(0);
      expect(e.message.sv).not.toBe(e.message.en);
    }
  });

  it('refuses an area in the threat, protection or identity section: a mapping is shared with partners', () => {
    for (const section of ['threat', 'protection', 'identity']) {
      const input = valid();
      input.areas[0] = { ...input.areas[0]!, section };
      const parsed = parseMappingDefinition(input);
      expect(parsed.ok, section).toBe(false);
    }
  });

  it('reports text that is not JSON, a definition without areas and one with too many', () => {
    expect(parseMappingDefinition('{ not json')).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'invalid_json' })],
    });
    const empty = valid();
    empty.areas = [];
    expect(parseMappingDefinition(empty)).toMatchObject({
      ok: false,
      errors: [{ path: 'areas', code: 'empty_areas' }],
    });
    const many = valid();
    many.areas = Array.from({ length: 41 }, (_, i) => ({ ...many.areas[0]!, id: `area-${i}` }));
    expect(parseMappingDefinition(many)).toMatchObject({ ok: false, errors: [{ path: 'areas', code: 'too_many' }] });
  });

  it('never throws on hostile input', () => {
    for (const input of [null, 42, [], { areas: [null, 1, 'x'] }, { __proto__: { id: 'x' } }, '']) {
      expect(parseMappingDefinition(input).ok).toBe(false);
    }
  });
});
