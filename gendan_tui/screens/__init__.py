"""The screens of the clerk's desk; ``registry`` lists the top-level ones."""
