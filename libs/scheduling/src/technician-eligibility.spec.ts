import { technician } from './test/builders';
import { eligibleTechnicians } from './technician-eligibility';

const criteria = {
  requiredSkills: [{ skillId: 'boiler', skillName: 'Boiler service', minProficiency: 3 }],
  location: { lat: 52.52, lng: 13.405, timeZone: 'Europe/Berlin' },
  travelRadiusKm: 30,
};

describe('eligibleTechnicians', () => {
  it('keeps active technicians with the skill at the level and a home within the radius, in input order', () => {
    const result = eligibleTechnicians(
      [
        technician({ id: 'z-near' }),
        technician({ id: 'inactive', active: false }),
        technician({ id: 'junior', skills: [{ skillId: 'boiler', proficiency: 2 }] }),
        technician({ id: 'munich', home: { lat: 48.14, lng: 11.58 } }),
        technician({ id: 'a-expert', skills: [{ skillId: 'boiler', proficiency: 5 }] }),
      ],
      criteria,
    );
    expect(result.qualified.map((t) => t.id)).toEqual(['z-near', 'a-expert']);
    expect(result.reasons).toEqual([]);
  });

  it('needs no skill when none is required', () => {
    const result = eligibleTechnicians([technician({ skills: [] })], { ...criteria, requiredSkills: [] });
    expect(result.qualified).toHaveLength(1);
  });

  it('blames the radius only when someone has the skills', () => {
    const far = technician({ home: { lat: 48.14, lng: 11.58 } });
    expect(eligibleTechnicians([far], criteria).reasons).toEqual([{ code: 'beyondRadius', radiusKm: 30 }]);
    expect(eligibleTechnicians([{ ...far, skills: [] }], criteria).reasons.map((r) => r.code)).toEqual(['missingSkill']);
  });
});
