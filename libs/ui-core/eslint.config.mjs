import base from '../../tools/eslint/base.config.mjs';
import { angularConfig } from '../../tools/eslint/angular.config.mjs';

export default [...base, ...angularConfig({ prefix: 'fb' })];
