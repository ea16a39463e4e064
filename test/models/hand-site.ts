/**
 * The hand-calculation site the model tests share: four QR people at 0, 10, 20 and 30 s, constant
 * times (check 2 s, registration 5 s, swab 10 s, 3 s to change a full 2-in-1 tube), one of each role,
 * a courier that never calls before the close. Its whole day can be worked out by hand: swabs
 * 7–17, 17–27 (+3 tube change), 30–40 and 40–50; tubes sealed at 27 and 50.
 */
import type { SamplingSiteInput } from '../../models/sampling-site.js';

export const HAND_SITE = {
  population: 4,
  mix: { qr: 1 },
  arrivals: { process: 'scheduled', times: [0, 10, 20, 30] },
  checkTime: 2,
  registration: { qr: 5 },
  swabTime: 10,
  tubeChange: 3,
  pool: 2,
  marshals: 1,
  clerks: 1,
  swabbers: 1,
  courier: { every: 1e6, boxSize: 100, transport: 100 },
} as const satisfies SamplingSiteInput;
