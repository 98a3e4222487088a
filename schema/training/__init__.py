"""Training, study sessions and party life in the schema (培训、学习研讨与组织生活)."""
