from django.contrib import admin

from mentormesh.community.models import Skill, Track


class SkillInline(admin.TabularInline):
    model = Skill
    extra = 1
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ("name", "hashtag", "slug", "position", "is_active")
    list_editable = ("position", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (SkillInline,)
    search_fields = ("name", "hashtag")


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "track", "slug", "position")
    list_filter = ("track",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
