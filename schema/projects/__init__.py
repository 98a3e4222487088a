"""Projects (项目): co-building, breakthrough, service items and Property companies (物业服务企业).-adopted projects."""
