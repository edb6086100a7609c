import { smsLength } from './sms-length';

const a = (count: number) => 'a'.repeat(count);

describe('smsLength', () => {
  describe('GSM-7', () => {
    it('needs no segment for an empty text', () => {
      expect(smsLength('')).toEqual({ encoding: 'GSM-7', characters: 0, segments: 0 });
    });

    it('fits exactly 160 characters in one segment', () => {
      expect(smsLength(a(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    });

    it('splits 161 characters into two parts of at most 153', () => {
      expect(smsLength(a(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    });

    it('fits 306 characters in two parts and needs a third for 307', () => {
      expect(smsLength(a(306)).segments).toBe(2);
      expect(smsLength(a(307)).segments).toBe(3);
    });

    it('counts the euro sign twice and stays in GSM-7', () => {
      expect(smsLength(`${a(158)}€`)).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
      expect(smsLength(`${a(159)}€`)).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    });

    it('counts every extension-table character twice', () => {
      expect(smsLength('^{}\\[~]|€')).toEqual({ encoding: 'GSM-7', characters: 18, segments: 1 });
    });

    it('never splits an escaped character between two parts', () => {
      // 152 + 2 + 152 = 306 septets would fill two parts exactly, but the euro cannot start in the first.
      expect(smsLength(`${a(152)}€${a(152)}`)).toEqual({ encoding: 'GSM-7', characters: 306, segments: 3 });
    });

    it('keeps German ß and ä, French é and è, Spanish ñ and ¿ in GSM-7', () => {
      expect(smsLength('Straße, Bäcker, café, très, año, ¿qué?')).toEqual({ encoding: 'GSM-7', characters: 38, segments: 1 });
    });

    it('counts line breaks as one character', () => {
      expect(smsLength('a\nb\r\nc')).toEqual({ encoding: 'GSM-7', characters: 6, segments: 1 });
    });
  });

  describe('UCS-2', () => {
    it('switches to UCS-2 for ć, which is not in the GSM alphabet', () => {
      expect(smsLength('Ćevapčići')).toEqual({ encoding: 'UCS-2', characters: 9, segments: 1 });
      expect(smsLength(`ć${a(10)}`).encoding).toBe('UCS-2');
    });

    it('switches for a lower-case ç, though the capital Ç is GSM', () => {
      expect(smsLength('Ç').encoding).toBe('GSM-7');
      expect(smsLength('reçu').encoding).toBe('UCS-2');
    });

    it('switches for Intl’s narrow no-break space and for typographic quotes', () => {
      expect(smsLength('10:00\u202fAM').encoding).toBe('UCS-2');
      expect(smsLength('l’heure').encoding).toBe('UCS-2');
    });

    it('counts an emoji as two code units', () => {
      expect(smsLength('👍')).toEqual({ encoding: 'UCS-2', characters: 2, segments: 1 });
      expect(smsLength(`ok 👍 €`)).toEqual({ encoding: 'UCS-2', characters: 7, segments: 1 });
    });

    it('fits 70 code units in one segment and splits 71 into parts of 67', () => {
      expect(smsLength(`ć${a(69)}`)).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
      expect(smsLength(`ć${a(70)}`)).toEqual({ encoding: 'UCS-2', characters: 71, segments: 2 });
      expect(smsLength(`ć${a(133)}`).segments).toBe(2);
      expect(smsLength(`ć${a(134)}`).segments).toBe(3);
    });

    it('never splits an emoji between two parts', () => {
      // 66 + 2 + 66 = 134 units would fill two parts exactly, but the emoji cannot straddle them.
      expect(smsLength(`ć${a(65)}👍${a(66)}`)).toEqual({ encoding: 'UCS-2', characters: 134, segments: 3 });
    });
  });
});
