"""One organisation's situation, next steps, deployment-period plans and dated tasks (rank 3)."""
