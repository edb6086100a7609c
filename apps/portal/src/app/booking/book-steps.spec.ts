import { BookChoices, NO_CHOICES, bookSteps, choose, currentStep, isStepOpen, validChoices } from './book-steps';
import { aServiceType, anAsset, someOptions } from './testing/booking-data';

const setup = { options: someOptions(), assets: [anAsset()], serviceTypes: [aServiceType()] };
const all: BookChoices = { assetId: 'asset-furnace', serviceTypeId: 'type-tune-up', day: '2026-11-24', start: '2026-11-24T09:00:00-05:00' };

describe('booking steps', () => {
  it('has an asset step only with asset selection and a details step only with additional details', () => {
    expect(bookSteps(someOptions())).toEqual(['asset', 'service', 'time', 'details']);
    expect(bookSteps(someOptions({ assetSelection: false, additionalDetails: false }))).toEqual(['service', 'time']);
  });

  it('walks from the asset to the service, the time and the details', () => {
    const options = someOptions();
    expect(currentStep(NO_CHOICES, options)).toBe('asset');
    expect(currentStep({ ...NO_CHOICES, assetId: 'asset-furnace' }, options)).toBe('service');
    expect(currentStep({ ...all, day: '2026-11-24', start: null }, options)).toBe('time');
    expect(currentStep(all, options)).toBe('details');
    expect(currentStep(all, someOptions({ additionalDetails: false }))).toBe('review');
  });

  it('starts at the service when assets are not chosen', () => {
    expect(currentStep(NO_CHOICES, someOptions({ assetSelection: false }))).toBe('service');
  });

  it('opens each step once the ones before it are done', () => {
    const options = someOptions();
    const afterAsset = { ...NO_CHOICES, assetId: 'asset-furnace' };
    expect(isStepOpen('asset', afterAsset, options)).toBe(true);
    expect(isStepOpen('service', afterAsset, options)).toBe(true);
    expect(isStepOpen('time', afterAsset, options)).toBe(false);
    expect(isStepOpen('details', all, options)).toBe(true);
    expect(isStepOpen('asset', all, someOptions({ assetSelection: false }))).toBe(false);
  });

  it('keeps choices from the address that are still offered', () => {
    expect(validChoices(all, setup)).toEqual(all);
  });

  it('drops an asset that is no longer offered, and everything chosen after it', () => {
    expect(validChoices({ ...all, assetId: 'asset-gone' }, setup)).toEqual(NO_CHOICES);
  });

  it('drops a service type that is no longer offered, keeping the asset', () => {
    expect(validChoices({ ...all, serviceTypeId: 'type-gone' }, setup)).toEqual({ ...NO_CHOICES, assetId: 'asset-furnace' });
  });

  it('ignores an asset in the address when the portal does not offer asset selection', () => {
    const withoutAssets = { ...setup, options: someOptions({ assetSelection: false }) };
    expect(validChoices(all, withoutAssets)).toEqual({ ...all, assetId: null });
  });

  it('drops a malformed day and a time that is not a date', () => {
    expect(validChoices({ ...all, day: 'tomorrow' }, setup)).toEqual({ ...all, day: null, start: null });
    expect(validChoices({ ...all, start: 'nine' }, setup)).toEqual({ ...all, start: null });
  });

  it('clears the day and time when the asset or service changes, and the time when the day changes', () => {
    expect(choose('asset', 'a')).toEqual({ asset: 'a', day: null, time: null });
    expect(choose('service', 's')).toEqual({ service: 's', day: null, time: null });
    expect(choose('day', '2026-11-25')).toEqual({ day: '2026-11-25', time: null });
    expect(choose('time', 'x')).toEqual({ time: 'x' });
  });
});
