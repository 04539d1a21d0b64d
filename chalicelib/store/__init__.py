"""The single table: models, keys, cursors, transactions. Nothing above this package sees PynamoDB."""
