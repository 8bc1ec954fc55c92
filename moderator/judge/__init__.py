"""Judge: what a comment is (detectors, the classifier's scores) and what the school's policy says to do about it."""
