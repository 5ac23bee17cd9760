from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from mentormesh.accounts.models import AccessToken, Profile, ProfileSkill, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = (ProfileInline,)
    list_display = ("username", "email", "is_staff", "is_active", "date_joined")


class ProfileSkillInline(admin.TabularInline):
    model = ProfileSkill
    extra = 0
    autocomplete_fields = ("skill",)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "display_name", "country", "field", "open_to_mentoring")
    list_filter = ("open_to_mentoring", "open_to_peer_exchange", "open_to_welcoming")
    search_fields = ("user__username", "display_name", "field")
    inlines = (ProfileSkillInline,)


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
    search_fields = ("user__username", "name", "prefix")
