"""Pure-Python reference solutions, one module per problem family."""
