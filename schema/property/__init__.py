"""Property companies (物业服务企业)."""
