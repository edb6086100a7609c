import base from '../eslint/base.config.mjs';

export default [...base];
