"""Default seeds, so that every figure and image in the course is reproducible."""

#: Trabecular texture of the simulated bones.
PHANTOM_SEED = 20_261_126
#: Arrangement of the lobules of simulated deposits.
LESION_SEED = 1898  # the year of Giard's first description
#: The fixed field of quantum noise of the simulated detector.
NOISE_SEED = 1943  # the year Inclan named the condition
