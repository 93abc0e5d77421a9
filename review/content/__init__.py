"""What a session is made of: statement sets, grids, the library of sets and the questions asked."""
