"""The use-cases, one module per concept of the decision model.

Each use-case authorizes, changes state in one unit of work, then lets the world know
through stored due work. The parts of the round service share one context
(`context.UseCaseContext`: the ports and the clock) and never import each other in a
circle: `coordinators` ← `escalations`, `rounds` ← `delivery`, `stances` stand on the
context alone, and `consensus_service.ConsensusService` composes them. The governance
parts build on the composed round service (`governance_service.GovernanceService`).
"""
