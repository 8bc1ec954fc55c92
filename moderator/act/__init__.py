"""Act: the judgement and people's decisions turned into platform actions (outbox), escalations, accounts and e-mails."""
