from ninja import NinjaAPI

api = NinjaAPI(title="mentormesh API", version="1")
