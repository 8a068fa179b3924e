"""The diagnostic pathway of lesson 7: from the film to a plan, stepped through with choices."""
