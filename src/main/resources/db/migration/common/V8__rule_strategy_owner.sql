-- Rule strategy types have an author: only they (or an administrator) delete one.
ALTER TABLE rule_strategies ADD COLUMN owner TEXT;
