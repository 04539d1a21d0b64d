"""Contains all the data models used in inputs/outputs"""

from .accept_invitation_command import AcceptInvitationCommand
from .active_counts import ActiveCounts
from .add_internal_note import AddInternalNote
from .add_support_address import AddSupportAddress
from .add_tags import AddTags
from .add_ticket_note import AddTicketNote
from .agent_workload import AgentWorkload
from .api_token_command import ApiTokenCommand
from .api_token_command_role_type_0 import ApiTokenCommandRoleType0
from .api_token_created import ApiTokenCreated
from .api_token_out import ApiTokenOut
from .api_token_page import ApiTokenPage
from .apply_out import ApplyOut
from .apply_sla_policy import ApplySLAPolicy
from .article_day import ArticleDay
from .article_out import ArticleOut
from .article_page import ArticlePage
from .article_stats import ArticleStats
from .article_status import ArticleStatus
from .article_summary import ArticleSummary
from .assign_command import AssignCommand
from .assign_technician import AssignTechnician
from .assign_to import AssignTo
from .assign_to_strategy import AssignToStrategy
from .assignment_out import AssignmentOut
from .attachment_command import AttachmentCommand
from .attachment_created_out import AttachmentCreatedOut
from .attachment_out import AttachmentOut
from .attachment_page import AttachmentPage
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_details import AuditEntryOutDetails
from .audit_page import AuditPage
from .auto_dispatch import AutoDispatch
from .automation_conditions import AutomationConditions
from .automation_rule_command import AutomationRuleCommand
from .automation_rule_patch import AutomationRulePatch
from .availability import Availability
from .backlog_bucket import BacklogBucket
from .backlog_bucket_bucket import BacklogBucketBucket
from .board_out import BoardOut
from .board_row_out import BoardRowOut
from .broken_reference_out import BrokenReferenceOut
from .broken_reference_out_kind import BrokenReferenceOutKind
from .broken_reference_out_reason import BrokenReferenceOutReason
from .bulk_changes import BulkChanges
from .bulk_update_command import BulkUpdateCommand
from .business_hours_input import BusinessHoursInput
from .business_hours_output import BusinessHoursOutput
from .business_hours_used import BusinessHoursUsed
from .calendar_input import CalendarInput
from .calendar_output import CalendarOutput
from .call_webhook import CallWebhook
from .category_list import CategoryList
from .category_out import CategoryOut
from .ccs_command import CcsCommand
from .ccs_out import CcsOut
from .certification_input import CertificationInput
from .certification_output import CertificationOutput
from .change_out import ChangeOut
from .change_password_command import ChangePasswordCommand
from .changed import Changed
from .changed_value import ChangedValue
from .changed_value_operator import ChangedValueOperator
from .channel import Channel
from .child_result_out import ChildResultOut
from .child_result_out_error_type_0 import ChildResultOutErrorType0
from .child_result_out_outcome import ChildResultOutOutcome
from .comment_command import CommentCommand
from .comment_created_out import CommentCreatedOut
from .comment_out import CommentOut
from .comment_page import CommentPage
from .comment_payload import CommentPayload
from .comment_type import CommentType
from .compare import Compare
from .compare_operator import CompareOperator
from .condition_result import ConditionResult
from .confirm_command import ConfirmCommand
from .confirm_email_command import ConfirmEmailCommand
from .create_ticket_command import CreateTicketCommand
from .create_ticket_command_custom_fields import CreateTicketCommandCustomFields
from .create_user_command import CreateUserCommand
from .create_work_order import CreateWorkOrder
from .created_ticket_out import CreatedTicketOut
from .created_ticket_out_custom_fields import CreatedTicketOutCustomFields
from .created_ticket_out_suggested_articles_item import CreatedTicketOutSuggestedArticlesItem
from .csat_figures import CSATFigures
from .csat_preview_command import CSATPreviewCommand
from .csat_preview_out import CSATPreviewOut
from .csat_rate_command import CSATRateCommand
from .csat_rating_out import CSATRatingOut
from .csat_report import CSATReport
from .csat_report_group_by import CsatReportGroupBy
from .csat_row import CSATRow
from .custom_field_definition_input import CustomFieldDefinitionInput
from .custom_field_definition_output import CustomFieldDefinitionOutput
from .custom_field_type import CustomFieldType
from .customer_command import CustomerCommand
from .customer_out import CustomerOut
from .customer_page import CustomerPage
from .customer_patch import CustomerPatch
from .customer_tier import CustomerTier
from .day_stats import DayStats
from .delivery_out import DeliveryOut
from .delivery_out_payload import DeliveryOutPayload
from .delivery_page import DeliveryPage
from .department_command import DepartmentCommand
from .department_counts import DepartmentCounts
from .department_out import DepartmentOut
from .department_page import DepartmentPage
from .department_patch import DepartmentPatch
from .department_stats import DepartmentStats
from .download_out import DownloadOut
from .dry_run_command import DryRunCommand
from .dry_run_command_changes_type_0 import DryRunCommandChangesType0
from .dry_run_out import DryRunOut
from .dry_run_out_actions_item import DryRunOutActionsItem
from .dry_run_out_changes_item import DryRunOutChangesItem
from .dry_run_out_comments_item import DryRunOutCommentsItem
from .erasure_out import ErasureOut
from .error_body import ErrorBody
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .escalation_action_input import EscalationActionInput
from .escalation_action_input_notify_type_0 import EscalationActionInputNotifyType0
from .escalation_action_input_role_type_0 import EscalationActionInputRoleType0
from .escalation_action_input_type import EscalationActionInputType
from .escalation_action_output import EscalationActionOutput
from .escalation_action_output_notify_type_0 import EscalationActionOutputNotifyType0
from .escalation_action_output_role_type_0 import EscalationActionOutputRoleType0
from .escalation_action_output_type import EscalationActionOutputType
from .escalation_step_input import EscalationStepInput
from .escalation_step_input_when import EscalationStepInputWhen
from .escalation_step_output import EscalationStepOutput
from .escalation_step_output_when import EscalationStepOutputWhen
from .export_out import ExportOut
from .export_out_counts import ExportOutCounts
from .followers_command import FollowersCommand
from .followers_out import FollowersOut
from .forgot_password_command import ForgotPasswordCommand
from .geo_point import GeoPoint
from .grant_command import GrantCommand
from .group_stats import GroupStats
from .health_out import HealthOut
from .history_out import HistoryOut
from .history_out_changes import HistoryOutChanges
from .history_page import HistoryPage
from .hours_since import HoursSince
from .included_out import IncludedOut
from .invitation_command import InvitationCommand
from .invitation_out import InvitationOut
from .invitation_page import InvitationPage
from .invitation_preview_out import InvitationPreviewOut
from .invitation_status import InvitationStatus
from .invitation_token_command import InvitationTokenCommand
from .job_out import JobOut
from .job_page import JobPage
from .job_patch import JobPatch
from .job_status import JobStatus
from .kb_article_command import KBArticleCommand
from .kb_article_figures import KBArticleFigures
from .kb_article_patch import KBArticlePatch
from .kb_category_command import KBCategoryCommand
from .kb_category_patch import KBCategoryPatch
from .kb_deflection_command import KBDeflectionCommand
from .kb_feedback_command import KBFeedbackCommand
from .kb_report import KBReport
from .link_kind import LinkKind
from .link_token_command import LinkTokenCommand
from .linked_ticket_out import LinkedTicketOut
from .list_tickets_sort_type_0 import ListTicketsSortType0
from .list_tickets_view import ListTicketsView
from .live_settings_out import LiveSettingsOut
from .location_input import LocationInput
from .location_output import LocationOutput
from .login_command import LoginCommand
from .login_out import LoginOut
from .macro_apply_command import MacroApplyCommand
from .macro_command import MacroCommand
from .macro_list import MacroList
from .macro_out import MacroOut
from .macro_out_actions_item import MacroOutActionsItem
from .macro_patch import MacroPatch
from .macro_preview_command import MacroPreviewCommand
from .macro_preview_out import MacroPreviewOut
from .macro_scope import MacroScope
from .mail_requested_out import MailRequestedOut
from .manifest_link import ManifestLink
from .matches import Matches
from .me_out import MeOut
from .membership import Membership
from .membership_operator import MembershipOperator
from .merge_command import MergeCommand
from .merge_out import MergeOut
from .merge_preview_out import MergePreviewOut
from .merge_warning_out import MergeWarningOut
from .new_secret import NewSecret
from .notify import Notify
from .notify_recipient import NotifyRecipient
from .offboarding_command import OffboardingCommand
from .offboarding_token import OffboardingToken
from .openapi_response_200 import OpenapiResponse200
from .order import Order
from .order_operator import OrderOperator
from .org_settings import OrgSettings
from .org_settings_channel_departments import OrgSettingsChannelDepartments
from .org_settings_customer_registration import OrgSettingsCustomerRegistration
from .org_settings_ticket_ccs_from_mail import OrgSettingsTicketCcsFromMail
from .org_settings_unassigned_visibility import OrgSettingsUnassignedVisibility
from .organization_out import OrganizationOut
from .organization_patch import OrganizationPatch
from .organization_summary import OrganizationSummary
from .permission_list import PermissionList
from .permission_out import PermissionOut
from .policy_priority_stats import PolicyPriorityStats
from .policy_stats import PolicyStats
from .portal_accepted_out import PortalAcceptedOut
from .portal_custom_field_out import PortalCustomFieldOut
from .portal_email_command import PortalEmailCommand
from .portal_out import PortalOut
from .portal_out_customer_registration import PortalOutCustomerRegistration
from .portal_register_command import PortalRegisterCommand
from .portal_sign_in_out import PortalSignInOut
from .portal_sso_out import PortalSsoOut
from .presence_command import PresenceCommand
from .presence_heartbeat_out import PresenceHeartbeatOut
from .presence_out import PresenceOut
from .presence_state import PresenceState
from .preview_command import PreviewCommand
from .preview_comment_out import PreviewCommentOut
from .preview_comment_out_comment_type import PreviewCommentOutCommentType
from .preview_notification_out import PreviewNotificationOut
from .preview_out import PreviewOut
from .priority import Priority
from .priority_stats import PriorityStats
from .queue_counts import QueueCounts
from .queue_counts_by_priority import QueueCountsByPriority
from .queue_counts_by_status import QueueCountsByStatus
from .quick_rating import QuickRating
from .rating_command import RatingCommand
from .remove_tags import RemoveTags
from .reply_to_requester import ReplyToRequester
from .reset_password_command import ResetPasswordCommand
from .result_error_out import ResultErrorOut
from .retained_entity import RetainedEntity
from .retention_policy_command import RetentionPolicyCommand
from .retention_policy_list import RetentionPolicyList
from .retention_policy_out import RetentionPolicyOut
from .revision_page import RevisionPage
from .role import Role
from .rule_action_schema_out import RuleActionSchemaOut
from .rule_field_out import RuleFieldOut
from .rule_field_out_kind import RuleFieldOutKind
from .rule_list import RuleList
from .rule_operator_out import RuleOperatorOut
from .rule_operator_out_value import RuleOperatorOutValue
from .rule_order_command import RuleOrderCommand
from .rule_order_out import RuleOrderOut
from .rule_out import RuleOut
from .rule_out_actions_item import RuleOutActionsItem
from .rule_out_trigger_conditions import RuleOutTriggerConditions
from .rule_parameter_out import RuleParameterOut
from .rule_parameter_out_kind import RuleParameterOutKind
from .rule_parameter_out_limits import RuleParameterOutLimits
from .rule_schema_out import RuleSchemaOut
from .rule_simulated_ticket import RuleSimulatedTicket
from .rule_simulated_ticket_would_item import RuleSimulatedTicketWouldItem
from .rule_simulation_out import RuleSimulationOut
from .rule_stats import RuleStats
from .rule_trigger_out import RuleTriggerOut
from .rule_trigger_out_subject import RuleTriggerOutSubject
from .schedule_out import ScheduleOut
from .scheduled_job_out import ScheduledJobOut
from .search_highlight import SearchHighlight
from .search_highlight_field import SearchHighlightField
from .search_hit import SearchHit
from .search_results import SearchResults
from .secret_list import SecretList
from .secret_out import SecretOut
from .service_area_input import ServiceAreaInput
from .service_area_output import ServiceAreaOutput
from .session_out import SessionOut
from .session_page import SessionPage
from .set_custom_field import SetCustomField
from .set_department import SetDepartment
from .set_priority import SetPriority
from .set_status import SetStatus
from .set_work_order_status import SetWorkOrderStatus
from .settings_patch import SettingsPatch
from .settings_patch_channel_departments import SettingsPatchChannelDepartments
from .settings_patch_customer_registration import SettingsPatchCustomerRegistration
from .settings_patch_ticket_ccs_from_mail import SettingsPatchTicketCcsFromMail
from .settings_patch_unassigned_visibility import SettingsPatchUnassignedVisibility
from .sign_in_code_command import SignInCodeCommand
from .signup_command import SignupCommand
from .signup_out import SignupOut
from .simulate_command import SimulateCommand
from .sla_conditions_input import SlaConditionsInput
from .sla_conditions_output import SlaConditionsOutput
from .sla_policy_command import SLAPolicyCommand
from .sla_policy_command_priority_overrides import SLAPolicyCommandPriorityOverrides
from .sla_policy_list import SLAPolicyList
from .sla_policy_out import SLAPolicyOut
from .sla_policy_out_priority_overrides import SLAPolicyOutPriorityOverrides
from .sla_policy_patch import SLAPolicyPatch
from .sla_policy_patch_priority_overrides_type_0 import SLAPolicyPatchPriorityOverridesType0
from .sla_preview_command import SLAPreviewCommand
from .sla_preview_out import SLAPreviewOut
from .sla_report import SLAReport
from .sla_status_out import SLAStatusOut
from .sla_status_out_targets import SLAStatusOutTargets
from .sla_target_out import SLATargetOut
from .sla_target_out_state import SLATargetOutState
from .solve_children_command import SolveChildrenCommand
from .solve_children_out import SolveChildrenOut
from .split_command import SplitCommand
from .sso_callback_command import SsoCallbackCommand
from .sso_config_command import SsoConfigCommand
from .sso_config_command_default_role_type_0 import SsoConfigCommandDefaultRoleType0
from .sso_config_command_role_mapping import SsoConfigCommandRoleMapping
from .sso_config_command_role_mapping_additional_property import SsoConfigCommandRoleMappingAdditionalProperty
from .sso_config_out import SsoConfigOut
from .sso_config_out_role_mapping import SsoConfigOutRoleMapping
from .sso_start_command import SsoStartCommand
from .sso_start_out import SsoStartOut
from .status import Status
from .subscription_list import SubscriptionList
from .subscription_out import SubscriptionOut
from .subscription_tier import SubscriptionTier
from .suggestion_out import SuggestionOut
from .suggestions_out import SuggestionsOut
from .support_address_list import SupportAddressList
from .support_address_out import SupportAddressOut
from .support_address_out_state import SupportAddressOutState
from .target import Target
from .target_stats import TargetStats
from .targets import Targets
from .technician_command import TechnicianCommand
from .technician_out import TechnicianOut
from .technician_page import TechnicianPage
from .technician_patch import TechnicianPatch
from .technician_status import TechnicianStatus
from .tenant_job_out import TenantJobOut
from .tenant_job_out_parts_item import TenantJobOutPartsItem
from .ticket_counts import TicketCounts
from .ticket_day import TicketDay
from .ticket_detail_out import TicketDetailOut
from .ticket_detail_out_custom_fields import TicketDetailOutCustomFields
from .ticket_filter_input import TicketFilterInput
from .ticket_filter_input_custom_fields import TicketFilterInputCustomFields
from .ticket_filter_output import TicketFilterOutput
from .ticket_filter_output_custom_fields import TicketFilterOutputCustomFields
from .ticket_link_command import TicketLinkCommand
from .ticket_link_out import TicketLinkOut
from .ticket_link_out_kind import TicketLinkOutKind
from .ticket_link_page import TicketLinkPage
from .ticket_out import TicketOut
from .ticket_out_custom_fields import TicketOutCustomFields
from .ticket_page import TicketPage
from .ticket_payload import TicketPayload
from .ticket_payload_custom_fields import TicketPayloadCustomFields
from .ticket_result_out import TicketResultOut
from .ticket_result_out_status import TicketResultOutStatus
from .ticket_search_hit import TicketSearchHit
from .ticket_search_query_out import TicketSearchQueryOut
from .ticket_search_results import TicketSearchResults
from .ticket_sla_status_out import TicketSLAStatusOut
from .ticket_sla_status_out_state import TicketSLAStatusOutState
from .ticket_sla_status_out_target_type_0 import TicketSLAStatusOutTargetType0
from .tickets_report import TicketsReport
from .time_entry_command import TimeEntryCommand
from .time_entry_out import TimeEntryOut
from .time_entry_page import TimeEntryPage
from .time_entry_patch import TimeEntryPatch
from .time_figures import TimeFigures
from .time_report import TimeReport
from .time_report_group_by import TimeReportGroupBy
from .time_row import TimeRow
from .totp_disable_command import TotpDisableCommand
from .totp_setup_command import TotpSetupCommand
from .totp_setup_out import TotpSetupOut
from .totp_verify_command import TotpVerifyCommand
from .trigger_type import TriggerType
from .update_support_address import UpdateSupportAddress
from .update_ticket_command import UpdateTicketCommand
from .update_ticket_command_custom_fields import UpdateTicketCommandCustomFields
from .update_user_command import UpdateUserCommand
from .upload_out import UploadOut
from .upload_out_fields import UploadOutFields
from .user_out import UserOut
from .user_page import UserPage
from .verify_support_address import VerifySupportAddress
from .view_command import ViewCommand
from .view_command_columns_item import ViewCommandColumnsItem
from .view_command_scope import ViewCommandScope
from .view_command_sort import ViewCommandSort
from .view_out import ViewOut
from .view_out_columns_item import ViewOutColumnsItem
from .view_out_sort import ViewOutSort
from .view_page import ViewPage
from .view_patch import ViewPatch
from .view_patch_columns_item import ViewPatchColumnsItem
from .view_patch_sort import ViewPatchSort
from .view_scope import ViewScope
from .webhook_result import WebhookResult
from .webhook_subscription_command import WebhookSubscriptionCommand
from .webhook_subscription_command_events_item import WebhookSubscriptionCommandEventsItem
from .webhook_subscription_patch import WebhookSubscriptionPatch
from .webhook_subscription_patch_events_item import WebhookSubscriptionPatchEventsItem
from .work_order_command import WorkOrderCommand
from .work_order_command_custom_fields import WorkOrderCommandCustomFields
from .work_order_detail import WorkOrderDetail
from .work_order_detail_custom_fields import WorkOrderDetailCustomFields
from .work_order_out import WorkOrderOut
from .work_order_out_custom_fields import WorkOrderOutCustomFields
from .work_order_page import WorkOrderPage
from .work_order_patch import WorkOrderPatch
from .work_order_patch_custom_fields import WorkOrderPatchCustomFields
from .work_order_status import WorkOrderStatus
from .working_hours import WorkingHours

__all__ = (
    "AcceptInvitationCommand",
    "ActiveCounts",
    "AddInternalNote",
    "AddSupportAddress",
    "AddTags",
    "AddTicketNote",
    "AgentWorkload",
    "ApiTokenCommand",
    "ApiTokenCommandRoleType0",
    "ApiTokenCreated",
    "ApiTokenOut",
    "ApiTokenPage",
    "ApplyOut",
    "ApplySLAPolicy",
    "ArticleDay",
    "ArticleOut",
    "ArticlePage",
    "ArticleStats",
    "ArticleStatus",
    "ArticleSummary",
    "AssignCommand",
    "AssignmentOut",
    "AssignTechnician",
    "AssignTo",
    "AssignToStrategy",
    "AttachmentCommand",
    "AttachmentCreatedOut",
    "AttachmentOut",
    "AttachmentPage",
    "AuditEntryOut",
    "AuditEntryOutDetails",
    "AuditPage",
    "AutoDispatch",
    "AutomationConditions",
    "AutomationRuleCommand",
    "AutomationRulePatch",
    "Availability",
    "BacklogBucket",
    "BacklogBucketBucket",
    "BoardOut",
    "BoardRowOut",
    "BrokenReferenceOut",
    "BrokenReferenceOutKind",
    "BrokenReferenceOutReason",
    "BulkChanges",
    "BulkUpdateCommand",
    "BusinessHoursInput",
    "BusinessHoursOutput",
    "BusinessHoursUsed",
    "CalendarInput",
    "CalendarOutput",
    "CallWebhook",
    "CategoryList",
    "CategoryOut",
    "CcsCommand",
    "CcsOut",
    "CertificationInput",
    "CertificationOutput",
    "Changed",
    "ChangedValue",
    "ChangedValueOperator",
    "ChangeOut",
    "ChangePasswordCommand",
    "Channel",
    "ChildResultOut",
    "ChildResultOutErrorType0",
    "ChildResultOutOutcome",
    "CommentCommand",
    "CommentCreatedOut",
    "CommentOut",
    "CommentPage",
    "CommentPayload",
    "CommentType",
    "Compare",
    "CompareOperator",
    "ConditionResult",
    "ConfirmCommand",
    "ConfirmEmailCommand",
    "CreatedTicketOut",
    "CreatedTicketOutCustomFields",
    "CreatedTicketOutSuggestedArticlesItem",
    "CreateTicketCommand",
    "CreateTicketCommandCustomFields",
    "CreateUserCommand",
    "CreateWorkOrder",
    "CSATFigures",
    "CSATPreviewCommand",
    "CSATPreviewOut",
    "CSATRateCommand",
    "CSATRatingOut",
    "CSATReport",
    "CsatReportGroupBy",
    "CSATRow",
    "CustomerCommand",
    "CustomerOut",
    "CustomerPage",
    "CustomerPatch",
    "CustomerTier",
    "CustomFieldDefinitionInput",
    "CustomFieldDefinitionOutput",
    "CustomFieldType",
    "DayStats",
    "DeliveryOut",
    "DeliveryOutPayload",
    "DeliveryPage",
    "DepartmentCommand",
    "DepartmentCounts",
    "DepartmentOut",
    "DepartmentPage",
    "DepartmentPatch",
    "DepartmentStats",
    "DownloadOut",
    "DryRunCommand",
    "DryRunCommandChangesType0",
    "DryRunOut",
    "DryRunOutActionsItem",
    "DryRunOutChangesItem",
    "DryRunOutCommentsItem",
    "ErasureOut",
    "ErrorBody",
    "ErrorDetail",
    "ErrorResponse",
    "EscalationActionInput",
    "EscalationActionInputNotifyType0",
    "EscalationActionInputRoleType0",
    "EscalationActionInputType",
    "EscalationActionOutput",
    "EscalationActionOutputNotifyType0",
    "EscalationActionOutputRoleType0",
    "EscalationActionOutputType",
    "EscalationStepInput",
    "EscalationStepInputWhen",
    "EscalationStepOutput",
    "EscalationStepOutputWhen",
    "ExportOut",
    "ExportOutCounts",
    "FollowersCommand",
    "FollowersOut",
    "ForgotPasswordCommand",
    "GeoPoint",
    "GrantCommand",
    "GroupStats",
    "HealthOut",
    "HistoryOut",
    "HistoryOutChanges",
    "HistoryPage",
    "HoursSince",
    "IncludedOut",
    "InvitationCommand",
    "InvitationOut",
    "InvitationPage",
    "InvitationPreviewOut",
    "InvitationStatus",
    "InvitationTokenCommand",
    "JobOut",
    "JobPage",
    "JobPatch",
    "JobStatus",
    "KBArticleCommand",
    "KBArticleFigures",
    "KBArticlePatch",
    "KBCategoryCommand",
    "KBCategoryPatch",
    "KBDeflectionCommand",
    "KBFeedbackCommand",
    "KBReport",
    "LinkedTicketOut",
    "LinkKind",
    "LinkTokenCommand",
    "ListTicketsSortType0",
    "ListTicketsView",
    "LiveSettingsOut",
    "LocationInput",
    "LocationOutput",
    "LoginCommand",
    "LoginOut",
    "MacroApplyCommand",
    "MacroCommand",
    "MacroList",
    "MacroOut",
    "MacroOutActionsItem",
    "MacroPatch",
    "MacroPreviewCommand",
    "MacroPreviewOut",
    "MacroScope",
    "MailRequestedOut",
    "ManifestLink",
    "Matches",
    "Membership",
    "MembershipOperator",
    "MeOut",
    "MergeCommand",
    "MergeOut",
    "MergePreviewOut",
    "MergeWarningOut",
    "NewSecret",
    "Notify",
    "NotifyRecipient",
    "OffboardingCommand",
    "OffboardingToken",
    "OpenapiResponse200",
    "Order",
    "OrderOperator",
    "OrganizationOut",
    "OrganizationPatch",
    "OrganizationSummary",
    "OrgSettings",
    "OrgSettingsChannelDepartments",
    "OrgSettingsCustomerRegistration",
    "OrgSettingsTicketCcsFromMail",
    "OrgSettingsUnassignedVisibility",
    "PermissionList",
    "PermissionOut",
    "PolicyPriorityStats",
    "PolicyStats",
    "PortalAcceptedOut",
    "PortalCustomFieldOut",
    "PortalEmailCommand",
    "PortalOut",
    "PortalOutCustomerRegistration",
    "PortalRegisterCommand",
    "PortalSignInOut",
    "PortalSsoOut",
    "PresenceCommand",
    "PresenceHeartbeatOut",
    "PresenceOut",
    "PresenceState",
    "PreviewCommand",
    "PreviewCommentOut",
    "PreviewCommentOutCommentType",
    "PreviewNotificationOut",
    "PreviewOut",
    "Priority",
    "PriorityStats",
    "QueueCounts",
    "QueueCountsByPriority",
    "QueueCountsByStatus",
    "QuickRating",
    "RatingCommand",
    "RemoveTags",
    "ReplyToRequester",
    "ResetPasswordCommand",
    "ResultErrorOut",
    "RetainedEntity",
    "RetentionPolicyCommand",
    "RetentionPolicyList",
    "RetentionPolicyOut",
    "RevisionPage",
    "Role",
    "RuleActionSchemaOut",
    "RuleFieldOut",
    "RuleFieldOutKind",
    "RuleList",
    "RuleOperatorOut",
    "RuleOperatorOutValue",
    "RuleOrderCommand",
    "RuleOrderOut",
    "RuleOut",
    "RuleOutActionsItem",
    "RuleOutTriggerConditions",
    "RuleParameterOut",
    "RuleParameterOutKind",
    "RuleParameterOutLimits",
    "RuleSchemaOut",
    "RuleSimulatedTicket",
    "RuleSimulatedTicketWouldItem",
    "RuleSimulationOut",
    "RuleStats",
    "RuleTriggerOut",
    "RuleTriggerOutSubject",
    "ScheduledJobOut",
    "ScheduleOut",
    "SearchHighlight",
    "SearchHighlightField",
    "SearchHit",
    "SearchResults",
    "SecretList",
    "SecretOut",
    "ServiceAreaInput",
    "ServiceAreaOutput",
    "SessionOut",
    "SessionPage",
    "SetCustomField",
    "SetDepartment",
    "SetPriority",
    "SetStatus",
    "SettingsPatch",
    "SettingsPatchChannelDepartments",
    "SettingsPatchCustomerRegistration",
    "SettingsPatchTicketCcsFromMail",
    "SettingsPatchUnassignedVisibility",
    "SetWorkOrderStatus",
    "SignInCodeCommand",
    "SignupCommand",
    "SignupOut",
    "SimulateCommand",
    "SlaConditionsInput",
    "SlaConditionsOutput",
    "SLAPolicyCommand",
    "SLAPolicyCommandPriorityOverrides",
    "SLAPolicyList",
    "SLAPolicyOut",
    "SLAPolicyOutPriorityOverrides",
    "SLAPolicyPatch",
    "SLAPolicyPatchPriorityOverridesType0",
    "SLAPreviewCommand",
    "SLAPreviewOut",
    "SLAReport",
    "SLAStatusOut",
    "SLAStatusOutTargets",
    "SLATargetOut",
    "SLATargetOutState",
    "SolveChildrenCommand",
    "SolveChildrenOut",
    "SplitCommand",
    "SsoCallbackCommand",
    "SsoConfigCommand",
    "SsoConfigCommandDefaultRoleType0",
    "SsoConfigCommandRoleMapping",
    "SsoConfigCommandRoleMappingAdditionalProperty",
    "SsoConfigOut",
    "SsoConfigOutRoleMapping",
    "SsoStartCommand",
    "SsoStartOut",
    "Status",
    "SubscriptionList",
    "SubscriptionOut",
    "SubscriptionTier",
    "SuggestionOut",
    "SuggestionsOut",
    "SupportAddressList",
    "SupportAddressOut",
    "SupportAddressOutState",
    "Target",
    "Targets",
    "TargetStats",
    "TechnicianCommand",
    "TechnicianOut",
    "TechnicianPage",
    "TechnicianPatch",
    "TechnicianStatus",
    "TenantJobOut",
    "TenantJobOutPartsItem",
    "TicketCounts",
    "TicketDay",
    "TicketDetailOut",
    "TicketDetailOutCustomFields",
    "TicketFilterInput",
    "TicketFilterInputCustomFields",
    "TicketFilterOutput",
    "TicketFilterOutputCustomFields",
    "TicketLinkCommand",
    "TicketLinkOut",
    "TicketLinkOutKind",
    "TicketLinkPage",
    "TicketOut",
    "TicketOutCustomFields",
    "TicketPage",
    "TicketPayload",
    "TicketPayloadCustomFields",
    "TicketResultOut",
    "TicketResultOutStatus",
    "TicketSearchHit",
    "TicketSearchQueryOut",
    "TicketSearchResults",
    "TicketSLAStatusOut",
    "TicketSLAStatusOutState",
    "TicketSLAStatusOutTargetType0",
    "TicketsReport",
    "TimeEntryCommand",
    "TimeEntryOut",
    "TimeEntryPage",
    "TimeEntryPatch",
    "TimeFigures",
    "TimeReport",
    "TimeReportGroupBy",
    "TimeRow",
    "TotpDisableCommand",
    "TotpSetupCommand",
    "TotpSetupOut",
    "TotpVerifyCommand",
    "TriggerType",
    "UpdateSupportAddress",
    "UpdateTicketCommand",
    "UpdateTicketCommandCustomFields",
    "UpdateUserCommand",
    "UploadOut",
    "UploadOutFields",
    "UserOut",
    "UserPage",
    "VerifySupportAddress",
    "ViewCommand",
    "ViewCommandColumnsItem",
    "ViewCommandScope",
    "ViewCommandSort",
    "ViewOut",
    "ViewOutColumnsItem",
    "ViewOutSort",
    "ViewPage",
    "ViewPatch",
    "ViewPatchColumnsItem",
    "ViewPatchSort",
    "ViewScope",
    "WebhookResult",
    "WebhookSubscriptionCommand",
    "WebhookSubscriptionCommandEventsItem",
    "WebhookSubscriptionPatch",
    "WebhookSubscriptionPatchEventsItem",
    "WorkingHours",
    "WorkOrderCommand",
    "WorkOrderCommandCustomFields",
    "WorkOrderDetail",
    "WorkOrderDetailCustomFields",
    "WorkOrderOut",
    "WorkOrderOutCustomFields",
    "WorkOrderPage",
    "WorkOrderPatch",
    "WorkOrderPatchCustomFields",
    "WorkOrderStatus",
)
