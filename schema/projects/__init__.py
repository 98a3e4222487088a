"""Projects (项目): co-building, breakthrough, service items and property-adopted projects."""
