"""Training, study sessions and party life (培训、学习研讨与组织生活)."""
