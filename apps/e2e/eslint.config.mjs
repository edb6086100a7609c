import base from '../../tools/eslint/base.config.mjs';

export default [...base, { ignores: ['results/**'] }];
