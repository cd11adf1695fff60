"""Every word the tool says: synonyms, normalising, labels, personal-data masking (rank 0)."""
