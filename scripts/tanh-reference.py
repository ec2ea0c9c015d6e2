"""
Writes test/core/tanhReference.json: inputs x of tanh with the true tanh(x) as two doubles, the
nearest one and the rest (hi + lo), from 120-bit mpmath. test/core/fastTanh.test.ts measures
`fastTanh`'s error in ulps against them. Run once: `python3 scripts/tanh-reference.py`.
"""

import json
import math
import random
import re

import mpmath

mpmath.mp.prec = 120
rng = random.Random(20261202)

xs = []
# Each branch of fastTanh densely, the ends of the rational one (0.45..0.55, where tanh(x) < 0.5 ≤ x
# near its end: the closest to an ulp) and of the exponential one (0.55..0.7) most.
for lo, hi, count in [
    (0, 0.45, 150),
    (0.45, 0.55, 250),
    (0.55, 0.7, 250),
    (0.7, 2, 200),
    (2, 22, 150),
    (22, 40, 20),
]:
    xs += [rng.uniform(lo, hi) for _ in range(count)]
# Tiny to huge, log-uniform; subnormals.
xs += [2.0 ** rng.uniform(-1074, 1023) for _ in range(60)]
xs += [2.0 ** rng.uniform(-60, 5) for _ in range(100)]
xs += [rng.uniform(0, 1) * 2.0**-1022 for _ in range(10)]
# The branch bounds and table steps, and the worst cases millions of random inputs found.
xs += [0.55, math.nextafter(0.55, 0), 22, math.nextafter(22, 0), 5e-324, 2.0**-1022, 1.0, 0.5]
xs += [0.5377139443454324, 0.5384806835459253, 0.5268211634178314, 0.5988854027588089]
# Math.tanh is off by 1.4 to 1.6 ulps at these.
xs += [0.9961300000000008, 0.9910700000000006, 0.9551900000000018]
xs += [math.log(2) / 64 * k for k in range(1, 200, 7)]
xs = [x if rng.random() < 0.5 else -x for x in xs]

rows = []
for x in xs:
    t = mpmath.tanh(mpmath.mpf(x))
    hi = float(t)
    lo = float(t - mpmath.mpf(hi))
    rows.append([x, hi, lo])

# As prettier writes JSON: a row a line, exponents without '+' or leading zeros.
text = '[\n' + ',\n'.join('  ' + json.dumps(r) for r in rows) + '\n]\n'
text = re.sub(r'e\+?(-?)0*(\d)', r'e\1\2', text)
with open('test/core/tanhReference.json', 'w') as f:
    f.write(text)
print(len(rows), 'rows')
